package dev.baton.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to reach an S3-compatible store. A plain record: the webapp binds it from its configuration.
 *
 * <p>Defaults for values left out ({@code null}, or {@code 0} for the part size): region {@value #DEFAULT_REGION},
 * connect timeout 10 s, read and write timeouts 60 s, part size 16 MiB.
 *
 * @param endpoint {@code http(s)://host[:port]} of the S3 API, no path
 * @param region signing region; most S3-compatible servers accept {@value #DEFAULT_REGION}
 * @param accessKey access key id
 * @param secretKey secret access key (not shown by {@link #toString()})
 * @param bucket bucket holding all of Baton's blobs; created on start if missing
 * @param connectTimeout TCP connect timeout
 * @param readTimeout longest silence while reading a response
 * @param writeTimeout longest stall while sending a request
 * @param partSizeBytes multipart part size; each upload in flight holds one part in memory. At least 5 MiB, at most
 *     5 GiB; an unknown-length upload can be at most 10,000 parts long (156 GiB at 16 MiB)
 */
public record S3Settings(
        URI endpoint,
        String region,
        String accessKey,
        String secretKey,
        String bucket,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        long partSizeBytes) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final long MIB = 1024L * 1024L;
    public static final long MIN_PART_SIZE = 5 * MIB;
    public static final long MAX_PART_SIZE = 5 * 1024 * MIB;
    public static final long DEFAULT_PART_SIZE = 16 * MIB;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public S3Settings {
        Objects.requireNonNull(endpoint, "S3 endpoint is required (e.g. http://127.0.0.1:9000)");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("S3 endpoint must be an http:// or https:// URI, got: " + endpoint);
        }
        if (endpoint.getHost() == null || endpoint.getHost().isBlank()) {
            throw new IllegalArgumentException("S3 endpoint has no host: " + endpoint);
        }
        if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() && !endpoint.getRawPath().equals("/")) {
            throw new IllegalArgumentException(
                    "S3 endpoint must not have a path (the bucket is a separate setting), got: " + endpoint);
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null || endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("S3 endpoint must not have user info, a query or a fragment");
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.strip();
        if (accessKey == null || accessKey.isBlank()) {
            throw new IllegalArgumentException("S3 access key is required");
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("S3 secret key is required");
        }
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..") || IPV4.matcher(bucket)
                .matches()) {
            throw new IllegalArgumentException(
                    "S3 bucket name must be 3-63 characters of a-z 0-9 . - starting and ending with a letter or "
                            + "digit, got: " + BlobKeys.describe(bucket));
        }
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connect");
        readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "read");
        writeTimeout = positive(writeTimeout, DEFAULT_WRITE_TIMEOUT, "write");
        if (partSizeBytes == 0) {
            partSizeBytes = DEFAULT_PART_SIZE;
        }
        if (partSizeBytes < MIN_PART_SIZE || partSizeBytes > MAX_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size must be between 5 MiB (" + MIN_PART_SIZE + ") and 5 GiB ("
                    + MAX_PART_SIZE + ") bytes, got: " + partSizeBytes);
        }
    }

    /** Settings with the default region, timeouts and part size. */
    public static S3Settings of(URI endpoint, String accessKey, String secretKey, String bucket) {
        return new S3Settings(endpoint, null, accessKey, secretKey, bucket, null, null, null, 0);
    }

    /** A copy with other timeouts. */
    public S3Settings withTimeouts(Duration connect, Duration read, Duration write) {
        return new S3Settings(endpoint, region, accessKey, secretKey, bucket, connect, read, write, partSizeBytes);
    }

    /** A copy with another part size. */
    public S3Settings withPartSizeBytes(long partSize) {
        return new S3Settings(
                endpoint, region, accessKey, secretKey, bucket, connectTimeout, readTimeout, writeTimeout, partSize);
    }

    /** A copy naming another bucket. */
    public S3Settings withBucket(String otherBucket) {
        return new S3Settings(
                endpoint, region, accessKey, secretKey, otherBucket, connectTimeout, readTimeout, writeTimeout,
                partSizeBytes);
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", accessKey=" + accessKey
                + ", secretKey=***, bucket=" + bucket + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", writeTimeout=" + writeTimeout + ", partSizeBytes=" + partSizeBytes + "]";
    }

    private static Duration positive(Duration value, Duration fallback, String which) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("S3 " + which + " timeout must be positive, got: " + value);
        }
        if (value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("S3 " + which + " timeout is too long: " + value);
        }
        return value;
    }
}
