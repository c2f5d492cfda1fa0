package dev.baton.storage;

import io.minio.AbortMultipartUploadArgs;
import io.minio.BucketExistsArgs;
import io.minio.Checksum;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.UploadPartArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import io.minio.messages.ListMultipartUploadsResult;
import io.minio.messages.Part;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BlobStore} on any S3-compatible server, through the MinIO Java SDK 9.
 *
 * <p>One instance holds one {@link MinioClient} over one OkHttp client (its own dispatcher and connection pool, with
 * the timeouts from {@link S3Settings}); share the instance, it is thread-safe. {@link #close()} shuts the OkHttp
 * dispatcher and connection pool down.
 *
 * <p>Uploads are streamed: each upload in flight holds one part ({@link S3Settings#partSizeBytes()}) in memory, parts
 * are sent one after another. Note that the SDK reads the caller's stream on a pool thread, not on the calling thread.
 *
 * <p>No MinIO or OkHttp type appears in a public signature; SDK errors are translated: missing keys to {@link
 * BlobNotFoundException}, I/O failures, timeouts and 5xx answers to {@link BlobStoreUnavailableException}, anything
 * else to {@link BlobStoreException}.
 */
public final class S3BlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);

    /** What every blob is stored as: what the bytes are, the caller records. */
    static final String CONTENT_TYPE = "application/octet-stream";

    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchObject", "NotFound");
    private static final Set<String> UNAVAILABLE_CODES = Set.of(
            "InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout", "ServerBusy", "OperationAborted",
            "XMinioServerNotInitialized");

    /**
     * The checksum sent with every part. The SDK's default, CRC32C, is computed byte by byte in Java (a table lookup
     * per byte, no intrinsic): in a profile of 16 MiB uploads it took more CPU than a SHA-256 pass. CRC32 is {@link
     * java.util.zip.CRC32}, which the JVM computes with CPU instructions. (Over plain HTTP the SDK also hashes each part
     * with SHA-256 to sign it; that it always does.)
     */
    static final Checksum.Algorithm CHECKSUM = Checksum.Algorithm.CRC32;
    /** The first part of an upload of unknown length: the smallest part S3 accepts (all but the last). */
    static final int FIRST_PART_BYTES = 5 * 1024 * 1024;
    /**
     * How much longer than a part the bound of a streamed upload must be for the part to be streamed, and about as
     * much as is left for the last part, sent once the stream has ended. The bound is usually a request's length less
     * the form fields before the file: it still holds the multipart envelope (a few hundred bytes) and the fields after
     * the file. A form with more than this after its file has its last streamed part sent a second time.
     */
    static final int STREAMING_SLACK = 64 * 1024;
    /** Presigned part URLs are used at once; the signature is checked when a request starts. */
    private static final int STREAMED_PART_URL_SECONDS = 15 * 60;
    /** Parts are held in a byte array: at most this large whatever the settings say. */
    private static final long MAX_BUFFERED_PART_BYTES = 512L * 1024 * 1024;

    private final S3Settings settings;
    private final OkHttpClient httpClient;
    private final MinioClient client;
    private volatile MinioAsyncClient asyncClient;
    private final String bucket;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether parts are streamed (see {@link StreamedPart}); off for good once the store refuses one. */
    private volatile boolean streamParts = true;
    /**
     * Whether a streamed part's ETag is checked against the MD5 of the bytes sent: only where nothing else guards them
     * in transit, over plain HTTP to another machine (TLS does over HTTPS; on this machine, they never travel).
     */
    private final boolean checkStreamedParts;
    /** Parts stored as streamed, for tests and diagnostics. */
    private final AtomicLong streamedParts = new AtomicLong();

    private S3BlobStore(S3Settings settings) {
        this(settings, "http".equalsIgnoreCase(settings.endpoint().getScheme())
                && !isLoopback(settings.endpoint().getHost()));
    }

    private S3BlobStore(S3Settings settings, boolean checkStreamedParts) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bucket = settings.bucket();
        this.checkStreamedParts = checkStreamedParts;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(128);
        this.httpClient = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.writeTimeout())
                .protocols(List.of(Protocol.HTTP_1_1))
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool())
                .socketFactory(new NoDelaySocketFactory())
                .build();
        try {
            this.client = MinioClient.builder()
                    .endpoint(settings.endpoint().toString())
                    .region(settings.region())
                    .credentials(settings.accessKey(), settings.secretKey())
                    .httpClient(httpClient)
                    .build();
        } catch (RuntimeException e) {
            shutDownHttpClient();
            throw new IllegalArgumentException("Cannot build an S3 client for " + settings.endpoint() + ": " + e, e);
        }
    }

    /**
     * Connects to the store and creates the bucket if it is missing.
     *
     * @throws BlobStoreUnavailableException when the store does not answer
     * @throws BlobStoreException when the bucket can neither be found nor created (e.g. wrong credentials)
     */
    public static S3BlobStore create(S3Settings settings) {
        S3BlobStore store = new S3BlobStore(settings);
        try {
            store.ensureBucket();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** As {@link #create(S3Settings)}, checking streamed parts' ETags or not whatever the endpoint (for tests). */
    static S3BlobStore create(S3Settings settings, boolean checkStreamedParts) {
        S3BlobStore store = new S3BlobStore(settings, checkStreamedParts);
        try {
            store.ensureBucket();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Builds the store without contacting the server, so an application can start while the store is down; call
     * {@link #ensureBucket()} once it is reachable.
     */
    public static S3BlobStore createUnchecked(S3Settings settings) {
        return new S3BlobStore(settings);
    }

    /** Creates the bucket unless it exists. */
    public void ensureBucket() {
        ensureOpen();
        try {
            if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                return;
            }
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            LOG.info("Created bucket {} at {}", bucket, settings.endpoint());
        } catch (ErrorResponseException e) {
            String code = e.errorResponse() == null ? null : e.errorResponse().code();
            if ("BucketAlreadyOwnedByYou".equals(code)) {
                return; // created concurrently
            }
            throw translate("create bucket", null, e, null);
        } catch (MinioException | RuntimeException e) {
            throw translate("create bucket", null, e, null);
        }
    }

    /** The settings this store was built with. */
    public S3Settings settings() {
        return settings;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A stream that may be longer than the smallest part goes as a multipart upload whose parts are sent while their
     * bytes arrive ({@link StreamedPart}), the expected size choosing the parts' sizes so that only the bytes after the
     * last full part wait for the stream's end. Otherwise the bytes are read a part at a time and each part is sent
     * once it is whole; a stream that ends within the first part is one PUT. A multipart upload that fails is aborted;
     * a process killed mid-upload leaves an incomplete one, for {@link #abortIncompleteWrites(String, Instant)}.
     */
    @Override
    public PutResult put(String key, InputStream in, long expectedSize) {
        ensureOpen();
        BlobKeys.requireValidKey(key);
        if (in == null) {
            throw new IllegalArgumentException("Content stream must not be null");
        }
        if (expectedSize < UNKNOWN_LENGTH) {
            throw new IllegalArgumentException(
                    "Expected size must be >= 0, or UNKNOWN_LENGTH (-1); got " + expectedSize);
        }
        DigestingInputStream digesting = new DigestingInputStream(in);
        try {
            if (expectedSize > FIRST_PART_BYTES + STREAMING_SLACK && streamParts) {
                uploadStreaming(key, digesting, expectedSize);
            } else {
                uploadInParts(key, digesting);
            }
        } catch (IOException | MinioException | ExecutionException | RuntimeException e) {
            throw translate("write", key, e, digesting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw translate("write", key, e, digesting);
        }
        return new PutResult(key, digesting.sha256Hex(), digesting.count());
    }

    private String createUpload(String key) throws ExecutionException, InterruptedException {
        return asyncClient().createMultipartUpload(CreateMultipartUploadArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .headers(new Http.Headers(Http.Headers.CONTENT_TYPE, CONTENT_TYPE))
                        .build())
                .get().result().uploadId();
    }

    private void completeUpload(MinioAsyncClient async, String key, String uploadId, List<Part> parts)
            throws ExecutionException, InterruptedException {
        async.completeMultipartUpload(CompleteMultipartUploadArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .uploadId(uploadId)
                        .parts(parts.toArray(Part[]::new))
                        .build())
                .get();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Pages through ListMultipartUploads (1000 a request). A store that does not list multipart uploads
     * (answers NotImplemented) has none to abort: 0.
     */
    @Override
    public int abortIncompleteWrites(String prefix, Instant startedBefore) {
        ensureOpen();
        BlobKeys.requireValidPrefix(prefix);
        Objects.requireNonNull(startedBefore, "startedBefore");
        MinioAsyncClient async = asyncClient();
        int aborted = 0;
        String keyMarker = null;
        String uploadIdMarker = null;
        try {
            while (true) {
                ListMultipartUploadsArgs.Builder args =
                        ListMultipartUploadsArgs.builder().bucket(bucket).prefix(prefix).maxUploads(1000);
                if (keyMarker != null) {
                    args.keyMarker(keyMarker).uploadIdMarker(uploadIdMarker);
                }
                ListMultipartUploadsResult page = async.listMultipartUploads(args.build()).get().result();
                List<ListMultipartUploadsResult.Upload> uploads = page.uploads();
                for (ListMultipartUploadsResult.Upload upload : uploads == null ? List.<ListMultipartUploadsResult.Upload>of() : uploads) {
                    Instant initiated = instant(upload.initiated());
                    if (initiated != null && !initiated.isBefore(startedBefore)) {
                        continue;
                    }
                    async.abortMultipartUpload(AbortMultipartUploadArgs.builder()
                                    .bucket(bucket)
                                    .object(upload.objectName())
                                    .uploadId(upload.uploadId())
                                    .build())
                            .get();
                    LOG.info("Aborted the incomplete multipart upload of {} started {}", upload.objectName(),
                            initiated);
                    aborted++;
                }
                if (!page.isTruncated() || page.nextKeyMarker() == null) {
                    return aborted;
                }
                keyMarker = page.nextKeyMarker();
                uploadIdMarker = page.nextUploadIdMarker();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlobStoreUnavailableException(where() + ": aborting incomplete uploads interrupted", e);
        } catch (ExecutionException | RuntimeException e) {
            ErrorResponseException response = find(e, ErrorResponseException.class);
            if (response != null && response.errorResponse() != null
                    && "NotImplemented".equals(response.errorResponse().code())) {
                return aborted;
            }
            throw translate("abort incomplete uploads under", prefix, e, null);
        }
    }

    @Override
    public InputStream open(String key) {
        ensureOpen();
        BlobKeys.requireValidKey(key);
        try {
            return new BlobInputStream(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
        } catch (MinioException | RuntimeException e) {
            throw translate("read", key, e, null);
        }
    }

    @Override
    public void delete(String key) {
        ensureOpen();
        BlobKeys.requireValidKey(key);
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (MinioException | RuntimeException e) {
            BlobStoreException translated = translate("delete", key, e, null);
            if (!(translated instanceof BlobNotFoundException)) {
                throw translated;
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Pages through the bucket lazily (1000 keys a request).
     */
    @Override
    public Stream<BlobStat> list(String prefix) {
        ensureOpen();
        BlobKeys.requireValidPrefix(prefix);
        Iterator<Result<Item>> pages;
        try {
            pages = client.listObjects(ListObjectsArgs.builder()
                            .bucket(bucket)
                            .prefix(prefix)
                            .recursive(true)
                            .build())
                    .iterator();
        } catch (RuntimeException e) {
            throw translate("list", prefix, e, null);
        }
        Iterator<BlobStat> stats = new ListingIterator(pages, prefix);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        stats, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
                false);
    }

    @Override
    public void checkAvailable() {
        ensureOpen();
        boolean exists;
        try {
            exists = client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (MinioException | RuntimeException e) {
            BlobStoreException translated = translate("check", null, e, null);
            if (translated instanceof BlobStoreUnavailableException) {
                throw translated;
            }
            throw new BlobStoreUnavailableException(translated.getMessage(), translated);
        }
        if (!exists) {
            throw new BlobStoreUnavailableException(where() + ": bucket does not exist", null);
        }
    }

    /** Shuts the OkHttp dispatcher down and evicts pooled connections. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shutDownHttpClient();
        }
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + settings.endpoint() + ", bucket " + bucket + "]";
    }

    // --- internals -------------------------------------------------------------------------------------------------

    /** The asynchronous client, for the multipart calls the blocking one does not offer; built on first use. */
    private MinioAsyncClient asyncClient() {
        MinioAsyncClient async = asyncClient;
        if (async == null) {
            synchronized (this) {
                async = asyncClient;
                if (async == null) {
                    async = MinioAsyncClient.builder()
                            .endpoint(settings.endpoint().toString())
                            .region(settings.region())
                            .credentials(settings.accessKey(), settings.secretKey())
                            .httpClient(httpClient)
                            .build();
                    asyncClient = async;
                }
            }
        }
        return async;
    }

    /**
     * Stores a stream of unknown length: a first part of the smallest size S3 allows ({@link #FIRST_PART_BYTES}),
     * then parts of the configured size, one after another; a stream that ends within the first part is one PUT. The
     * SDK's own {@code putObject} reads a whole part before it sends any of it, so the first bytes of an upload waited
     * for a full part (16 MiB) to arrive; this way the first part leaves after 5 MiB and the rest keeps arriving while
     * it is sent. One part is held in memory at a time. The parts carry no checksum header of their own: over HTTP
     * each is signed with its SHA-256, which the server checks, and over HTTPS TLS protects it.
     */
    private void uploadInParts(String key, InputStream in)
            throws IOException, MinioException, ExecutionException, InterruptedException {
        int partSize = (int) Math.min(settings.partSizeBytes(), MAX_BUFFERED_PART_BYTES);
        byte[] buffer = new byte[Math.min(FIRST_PART_BYTES, partSize)];
        int length = in.readNBytes(buffer, 0, buffer.length);
        int next = length == buffer.length ? in.read() : -1;
        if (next < 0) {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(new ByteArrayInputStream(buffer, 0, length), (long) length, -1L)
                    .contentType(CONTENT_TYPE)
                    .checksum(CHECKSUM)
                    .build());
            return;
        }
        MinioAsyncClient async = asyncClient();
        String uploadId = createUpload(key);
        try {
            List<Part> parts = new ArrayList<>();
            for (int number = 1; ; number++) {
                parts.add(async.uploadPart(UploadPartArgs.builder()
                                .bucket(bucket)
                                .object(key)
                                .uploadId(uploadId)
                                .partNumber(number)
                                .data(buffer, length)
                                .build())
                        .get().part());
                if (next < 0) {
                    break;
                }
                if (buffer.length < partSize) {
                    buffer = new byte[partSize];
                }
                buffer[0] = (byte) next;
                length = 1 + in.readNBytes(buffer, 1, partSize - 1);
                next = length == partSize ? in.read() : -1;
            }
            completeUpload(async, key, uploadId, parts);
        } catch (IOException | ExecutionException | InterruptedException | RuntimeException e) {
            abortQuietly(async, key, uploadId);
            throw e;
        }
    }

    /**
     * Stores a stream of unknown length, at most {@code atMost} bytes, as a multipart upload whose parts are streamed
     * ({@link StreamedPart}): each part of a declared size is sent while its bytes arrive ({@link #streamedPartSize});
     * what is left within the slack of the bound is read whole and sent the same way, its length then known, as the
     * last part. Each goes from the calling thread. A part that cannot be streamed is sent again from memory, signed
     * as usual by the SDK; a store that refuses streamed parts, or whose ETags are not the MD5s they are checked
     * against, gets no more of them. A stream that ends within its first part is one PUT.
     */
    private void uploadStreaming(String key, DigestingInputStream in, long atMost)
            throws IOException, MinioException, ExecutionException, InterruptedException {
        int partSize = (int) Math.min(settings.partSizeBytes(), MAX_BUFFERED_PART_BYTES);
        MinioAsyncClient async = asyncClient();
        String uploadId = createUpload(key);
        try {
            // as large as the first part (a whole 16 MiB upload is one), so it rarely grows
            PartBuffer buffer = new PartBuffer(Math.max(FIRST_PART_BYTES, streamedPartSize(atMost, partSize)));
            List<Part> parts = new ArrayList<>();
            long sent = 0;
            for (int number = 1; ; number++) {
                int size = streamedPartSize(atMost - sent, partSize);
                String etag = null;
                if (size > 0 && streamParts) {
                    buffer.reserve(size);
                    etag = streamPart(key, uploadId, number, in, buffer, size);
                } else {
                    size = partSize;
                }
                if (etag == null) {
                    buffer.fill(in, size);
                    if (number == 1 && buffer.ended()) {
                        abortQuietly(async, key, uploadId);
                        client.putObject(PutObjectArgs.builder()
                                .bucket(bucket)
                                .object(key)
                                .stream(new ByteArrayInputStream(buffer.bytes(), 0, buffer.filled()),
                                        (long) buffer.filled(), -1L)
                                .contentType(CONTENT_TYPE)
                                .checksum(CHECKSUM)
                                .build());
                        return;
                    }
                    if (streamParts) {
                        // the whole part is in memory, its length known: sent the same way, from this thread
                        etag = streamPart(key, uploadId, number, InputStream.nullInputStream(), buffer,
                                buffer.filled());
                    }
                    if (etag == null) {
                        etag = uploadPart(async, key, uploadId, number, buffer);
                    }
                }
                parts.add(new Part(number, etag));
                sent += buffer.filled();
                if (!buffer.next(in)) {
                    break;
                }
            }
            completeUpload(async, key, uploadId, parts);
        } catch (IOException | ExecutionException | InterruptedException | RuntimeException e) {
            abortQuietly(async, key, uploadId);
            throw e;
        }
    }

    /** Sends a part held in memory the SDK's way (signed); its ETag. */
    private String uploadPart(MinioAsyncClient async, String key, String uploadId, int number, PartBuffer buffer)
            throws MinioException, ExecutionException, InterruptedException {
        return async.uploadPart(UploadPartArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .uploadId(uploadId)
                        .partNumber(number)
                        .data(buffer.bytes(), buffer.filled())
                        .build())
                .get().part().etag();
    }

    /**
     * Whether an answer to a streamed part will repeat for every other: access denied (the presigned request is not
     * accepted), not implemented, or a success without an ETag. Server errors, throttling and timeouts (a client that
     * paused longer than the store waits) only send that part again.
     */
    private static boolean refusesStreamedParts(int status) {
        return status == 403 || status == 501 || (status >= 200 && status < 300);
    }

    /**
     * The size of the next streamed part when at most {@code left} bytes are still to come, or 0 when the rest is to
     * be read whole and sent as the last part. As few parts as the part size allows, every one but the last at least
     * 5 MiB, and all of them within the bound less {@link #STREAMING_SLACK}: a 16 MiB upload is one streamed part and
     * a last one of at most the slack.
     */
    static int streamedPartSize(long left, int partSize) {
        long rest = left - STREAMING_SLACK;
        if (rest < FIRST_PART_BYTES) {
            return 0;
        }
        if (rest <= partSize) {
            return (int) rest;
        }
        if (rest - partSize >= FIRST_PART_BYTES) {
            return partSize;
        }
        // a full part would leave too little for another streamed one: split the rest into two
        return (int) Math.max(FIRST_PART_BYTES, rest - FIRST_PART_BYTES);
    }

    /**
     * Streams one part; its ETag when the store took it whole, else null (the buffer then holds what was read, for
     * sending it the usual way).
     */
    private String streamPart(String key, String uploadId, int number, InputStream in, PartBuffer buffer, int size)
            throws IOException, MinioException {
        String url = client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Http.Method.PUT)
                .bucket(bucket)
                .object(key)
                .expiry(STREAMED_PART_URL_SECONDS)
                .extraQueryParams(Map.of("uploadId", uploadId, "partNumber", Integer.toString(number)))
                .build());
        StreamedPart part = StreamedPart.send(httpClient, url, in, buffer, size, checkStreamedParts);
        switch (part.outcome()) {
            case STORED -> {
                streamedParts.incrementAndGet();
                return part.etag();
            }
            case ENDED_EARLY -> {
                return null;
            }
            case ETAG_MISMATCH, NOT_TAKEN -> {
                if (part.outcome() == StreamedPart.Outcome.ETAG_MISMATCH || refusesStreamedParts(part.status())) {
                    streamParts = false;
                    LOG.warn("{} does not take parts streamed to presigned URLs ({}): parts are sent whole and "
                            + "signed from now on", where(), part.problem());
                } else {
                    LOG.info("Streaming part {} of {} failed ({}); sending it again whole", number, key,
                            part.problem());
                }
                return null;
            }
            default -> throw new IllegalStateException("Unexpected outcome " + part.outcome());
        }
    }

    /** How many parts were stored as streamed ({@link StreamedPart}) since this store was built. */
    long streamedParts() {
        return streamedParts.get();
    }

    /** The HTTP client every S3 request goes through. */
    OkHttpClient httpClient() {
        return httpClient;
    }

    /** Whether parts are still streamed: false once the store refused one. */
    boolean streamsParts() {
        return streamParts;
    }

    /** Best effort: what is left is aborted later by {@link #abortIncompleteWrites}. */
    private void abortQuietly(MinioAsyncClient async, String key, String uploadId) {
        try {
            async.abortMultipartUpload(AbortMultipartUploadArgs.builder()
                            .bucket(bucket)
                            .object(key)
                            .uploadId(uploadId)
                            .build())
                    .get();
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("Could not abort the multipart upload of {} (the blob sweep will): {}", key, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private void shutDownHttpClient() {
        httpClient.dispatcher().executorService().shutdown();
        httpClient.connectionPool().evictAll();
        if (httpClient.cache() != null) {
            try {
                httpClient.cache().close();
            } catch (IOException e) {
                LOG.debug("Closing the HTTP cache failed", e);
            }
        }
    }

    private String where() {
        return "S3 store " + settings.endpoint() + " bucket " + bucket;
    }

    /**
     * Translates an SDK failure into the port's exceptions.
     *
     * @param action what was attempted, for the message
     * @param key the key (or prefix) involved, or null
     * @param source the stream being uploaded, or null: when it failed itself, the failure is the caller's content,
     *     not the store
     */
    BlobStoreException translate(String action, String key, Throwable failure, DigestingInputStream source) {
        Throwable t = unwrap(failure);
        String what = where() + ": " + action + (key == null ? "" : " " + key) + " failed";
        if (source != null && source.sourceFailure() != null) {
            return new BlobStoreException(
                    what + ": reading the content to store failed: " + source.sourceFailure(), source.sourceFailure());
        }
        ErrorResponseException response = find(t, ErrorResponseException.class);
        if (response != null) {
            String code = response.errorResponse() == null ? null : response.errorResponse().code();
            String message = response.errorResponse() == null ? null : response.errorResponse().message();
            int status = response.response() == null ? 0 : response.response().code();
            String detail = what + ": HTTP " + status + " " + code + (message == null ? "" : " (" + message + ")");
            if ("NoSuchBucket".equals(code)) {
                return new BlobStoreException(what + ": bucket " + bucket + " does not exist", response);
            }
            if (NOT_FOUND_CODES.contains(code) || status == 404) {
                BlobNotFoundException notFound = new BlobNotFoundException(key);
                notFound.initCause(response);
                return notFound;
            }
            if (status >= 500 || UNAVAILABLE_CODES.contains(code)) {
                return new BlobStoreUnavailableException(detail, response);
            }
            return new BlobStoreException(detail, response);
        }
        ServerException server = find(t, ServerException.class);
        if (server != null) {
            return new BlobStoreUnavailableException(
                    what + ": HTTP " + server.statusCode() + " " + server.getMessage(), server);
        }
        InvalidResponseException invalid = find(t, InvalidResponseException.class);
        if (invalid != null) {
            return new BlobStoreUnavailableException(what + ": the server's answer is not S3's: " + invalid, invalid);
        }
        InterruptedException interrupted = find(t, InterruptedException.class);
        if (interrupted != null) {
            Thread.currentThread().interrupt();
            return new BlobStoreUnavailableException(what + ": interrupted", interrupted);
        }
        IOException io = find(t, IOException.class);
        if (io != null) {
            // okhttp 5 may report a read timeout as "Socket closed" (its watchdog closes the socket), so the
            // message names the timeouts rather than guessing which one fired
            return new BlobStoreUnavailableException(
                    what + ": no answer: " + io + " (timeouts: connect " + settings.connectTimeout() + ", read "
                            + settings.readTimeout() + ", write " + settings.writeTimeout() + ")",
                    io);
        }
        if (t instanceof RejectedExecutionException) {
            return new BlobStoreUnavailableException(what + ": the client is shutting down", t);
        }
        return new BlobStoreException(what + ": " + t, t);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** Maps the SDK's lazily paged listing to {@link BlobStat}s, skipping directory markers. */
    private final class ListingIterator implements Iterator<BlobStat> {
        private final Iterator<Result<Item>> pages;
        private final String prefix;
        private BlobStat next;

        ListingIterator(Iterator<Result<Item>> pages, String prefix) {
            this.pages = pages;
            this.prefix = prefix;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                Item item;
                try {
                    if (!pages.hasNext()) {
                        return false;
                    }
                    item = pages.next().get();
                } catch (MinioException | RuntimeException e) {
                    throw translate("list", prefix, e, null);
                }
                if (item.isDir() || item.isDeleteMarker() || item.objectName().endsWith("/")) {
                    continue;
                }
                next = new BlobStat(item.objectName(), item.size(), instant(item.lastModified()));
            }
            return true;
        }

        @Override
        public BlobStat next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BlobStat result = next;
            next = null;
            return result;
        }
    }

    /** Hides the SDK's response type from callers. */
    private static final class BlobInputStream extends FilterInputStream {
        BlobInputStream(InputStream in) {
            super(in);
        }
    }
}
