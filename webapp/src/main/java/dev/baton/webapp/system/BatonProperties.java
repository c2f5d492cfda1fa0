package dev.baton.webapp.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * The webapp's typed settings (prefix {@code baton}); every one is listed in docs/configuration.md with its
 * environment variable.
 *
 * @param dataDir where the embedded engines and the index keep their files
 * @param adminPassword password of the first admin account; a random one is printed once when blank
 * @param publicUrl where people reach Baton ({@code https://baton.example.com}): the links in emails start with it
 */
@ConfigurationProperties("baton")
public record BatonProperties(
        @DefaultValue("./data") Path dataDir,
        String adminPassword,
        @DefaultValue Db db,
        @DefaultValue S3 s3,
        @DefaultValue Login login,
        @DefaultValue Extraction extraction,
        @DefaultValue Demo demo,
        @DefaultValue Search search,
        @DefaultValue BlobSweep blobSweep,
        @DefaultValue Upload upload,
        @DefaultValue Webhooks webhooks,
        @DefaultValue Pages pages,
        @DefaultValue("") String nodeName,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue Notifications notifications) {

    /**
     * The database. Blank {@code url} starts an embedded PostgreSQL under the data directory.
     *
     * @param url JDBC-style URL of an external PostgreSQL ({@code jdbc:postgresql://host:5432/baton})
     * @param poolSize most R2DBC connections kept open
     */
    public record Db(String url, String user, String password, @DefaultValue("10") int poolSize) {

        public boolean external() {
            return StringUtils.hasText(url);
        }
    }

    /**
     * The object store. Blank {@code endpoint} starts an embedded S3 server under the data directory.
     *
     * @param partSize multipart part size for uploads of unknown length (at least 5 MB)
     */
    public record S3(
            String endpoint,
            String accessKey,
            String secretKey,
            @DefaultValue("baton") String bucket,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("60s") Duration readTimeout,
            @DefaultValue("60s") Duration writeTimeout,
            @DefaultValue("16MB") DataSize partSize) {

        public boolean external() {
            return StringUtils.hasText(endpoint);
        }
    }

    /**
     * Throttling of failed sign-ins: after {@code maxFailures} failures for one user name from one address, or
     * {@code maxFailuresPerAddress} from one address for any names, each further attempt waits {@code initialDelay},
     * doubling up to {@code maxDelay}; failures are forgotten after {@code maxDelay} without another one.
     *
     * @param tokenCache how long a node trusts an API token it verified without asking the database again; any change
     *     to the token or its user ends the trust on every node at once (0 asks the database on every request)
     */
    public record Login(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("50") int maxFailuresPerAddress,
            @DefaultValue("30s") Duration initialDelay,
            @DefaultValue("15m") Duration maxDelay,
            @DefaultValue("10s") Duration tokenCache) {}

    /**
     * Text extraction and thumbnails, made in the background after an upload. Each file is parsed in a forked JVM.
     *
     * @param timeout the longest one file may parse before its parser is killed ("text unavailable: timed out")
     * @param maxHeap the forked parser's heap, in the {@code -Xmx} form
     * @param maxChars the most characters of text kept per file
     * @param poll how often the worker looks for work that other nodes or a restart left behind
     */
    public record Extraction(
            @DefaultValue("60s") Duration timeout,
            @DefaultValue("512m") String maxHeap,
            @DefaultValue("10000000") int maxChars,
            @DefaultValue("5s") Duration poll) {}

    /**
     * The search index and the outbox feed that keeps it in step with the database.
     *
     * @param poll how often the feed looks for new outbox rows
     * @param settle how long a gap in outbox positions is waited for before it counts as a rolled-back transaction
     *     (also the in-flight transactions must have ended)
     * @param batchSize the most outbox rows applied at once
     * @param buildThreads threads reading stored text while an index is built from the database
     * @param outboxRetention how long outbox rows are kept once every node has applied them; also how long a node
     *     may go unheard before it no longer holds rows back (it then builds its index anew if it missed some)
     */
    public record Search(
            @DefaultValue("250ms") Duration poll,
            @DefaultValue("2s") Duration settle,
            @DefaultValue("500") int batchSize,
            @DefaultValue("4") int buildThreads,
            @DefaultValue("7d") Duration outboxRetention,
            @DefaultValue("true") boolean semantic) {}

    /**
     * The sweep of uploads a crash left half-done: original blobs that no version row points at, and
     * multipart uploads that were never completed. Runs at start and then every {@code interval}, on every node.
     *
     * @param interval how often the sweep runs
     * @param grace how old an unreferenced blob must be before it goes: longer than an upload takes from its last
     *     byte to its commit (seconds), so a blob whose row is being written is never taken
     * @param multipartGrace how old an incomplete multipart upload must be before it is aborted: longer than the
     *     slowest upload still in progress may run
     */
    public record BlobSweep(
            @DefaultValue("1h") Duration interval,
            @DefaultValue("1h") Duration grace,
            @DefaultValue("24h") Duration multipartGrace) {}

    /**
     * What an upload may carry: a file through the API or a page, a new version, an import's archive. Spring's
     * multipart reader (the parts spooled to disk: imports, the asset page's forms) takes its limit from here too.
     *
     * @param maxSize the largest file one upload may carry; a larger one is refused with 413 and nothing is kept
     */
    public record Upload(@DefaultValue("2GB") DataSize maxSize) {

        /** The limit for people: {@code 2 GB}, {@code 500 MB}, {@code 64 KB}, or bytes. */
        public String describe() {
            long bytes = maxSize.toBytes();
            for (DataUnit unit : new DataUnit[] {DataUnit.TERABYTES, DataUnit.GIGABYTES, DataUnit.MEGABYTES,
                    DataUnit.KILOBYTES}) {
                long size = DataSize.of(1, unit).toBytes();
                if (bytes >= size && bytes % size == 0) {
                    return bytes / size + " " + unit.name().charAt(0) + "B";
                }
            }
            return bytes + " bytes";
        }
    }

    /**
     * Page images of decks and documents (PPTX, PPT, DOCX) for the viewers, drawn in the background once per version.
     *
     * @param width the width of every page image in pixels (a page much taller than wide is drawn narrower)
     * @param maxPages the most pages drawn per file; the viewer says when pages were left out
     */
    public record Pages(@DefaultValue("1400") int width, @DefaultValue("300") int maxPages) {}

    /**
     * The demo library loaded on an empty data directory.
     *
     * @param enabled whether to load it (off: an empty library with only the admin)
     * @param password the demo users' password; blank makes a random one per user, printed to the log once
     */
    public record Demo(@DefaultValue("true") boolean enabled, String password) {}

    /**
     * Outbound webhooks (docs/webhooks.md): deliveries, retries, and which targets may be reached.
     *
     * @param allowedPrivateTargets networks (CIDR, e.g. {@code 10.20.0.0/16} or {@code 127.0.0.1/32}) a webhook may
     *     target although they are loopback, link-local, private or otherwise internal; empty (the default) refuses
     *     them all. Checked when a subscription is saved and again before every delivery
     * @param connectTimeout how long a delivery waits to connect
     * @param readTimeout how long a delivery waits for the receiver's answer once connected
     * @param firstRetry the wait before the first retry; each further wait doubles, up to {@code maxRetryInterval}
     * @param maxRetryInterval the longest wait between two attempts
     * @param retryWindow how long a delivery is retried before it is given up
     * @param pauseAfter a subscription whose attempts have all failed for this long is paused
     * @param poll how often the workers look for due deliveries and new asset changes
     * @param expiryCheck how often published assets are checked for an expiry date that has come
     * @param concurrency the most deliveries one node sends at once
     * @param logRetention how long finished deliveries, their attempts and dealt-with notices are kept
     */
    public record Webhooks(
            @DefaultValue List<String> allowedPrivateTargets,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("30s") Duration firstRetry,
            @DefaultValue("6h") Duration maxRetryInterval,
            @DefaultValue("24h") Duration retryWindow,
            @DefaultValue("3d") Duration pauseAfter,
            @DefaultValue("1s") Duration poll,
            @DefaultValue("1h") Duration expiryCheck,
            @DefaultValue("8") int concurrency,
            @DefaultValue("30d") Duration logRetention) {}

    /**
     * Notifications by email (sent through Spring Boot's mail support, {@code spring.mail.*}; without
     * {@code spring.mail.host} email is off and notifications stay in Baton).
     *
     * @param from the sender of notification emails
     * @param summaryAt the time of day (UTC) the daily summary goes out
     * @param poll how often the mail worker looks for emails left to send (a new notification wakes it at once)
     */
    public record Notifications(
            @DefaultValue("Baton <baton@localhost>") String from,
            @DefaultValue("07:00") java.time.LocalTime summaryAt,
            @DefaultValue("30s") Duration poll) {}
}
