package dev.baton.storage;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListMultipartUploadsArgs;
import io.minio.UploadPartArgs;
import io.minio.errors.MinioException;
import io.minio.messages.ListMultipartUploadsResult;
import io.minio.messages.Part;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One S3 multipart upload: started, its parts stored one after another (sent signed from memory, or streamed to a
 * presigned URL by {@link StreamedPart}), then completed, or aborted when something failed. Also finds and aborts the
 * multipart uploads a killed process left behind. Not thread-safe: one upload, one thread.
 */
final class MultipartUpload {

    private static final Logger LOG = LoggerFactory.getLogger(MultipartUpload.class);

    /** Presigned part URLs are used at once; the signature is checked when a request starts. */
    private static final int PART_URL_SECONDS = 15 * 60;

    private final S3Client s3;
    private final String key;
    private final String uploadId;
    private final List<Part> parts = new ArrayList<>();

    private MultipartUpload(S3Client s3, String key, String uploadId) {
        this.s3 = s3;
        this.key = key;
        this.uploadId = uploadId;
    }

    /** Starts a multipart upload to the key (a round trip to the store). */
    static MultipartUpload start(S3Client s3, String key) throws ExecutionException, InterruptedException {
        String uploadId = s3.minio().createMultipartUpload(CreateMultipartUploadArgs.builder()
                        .bucket(s3.bucket())
                        .object(key)
                        .headers(new Http.Headers(Http.Headers.CONTENT_TYPE, S3Client.CONTENT_TYPE))
                        .build())
                .get().result().uploadId();
        return new MultipartUpload(s3, key, uploadId);
    }

    /** Sends part {@code number}, held in memory, the SDK's way (signed). */
    void send(int number, byte[] bytes, int length) throws ExecutionException, InterruptedException {
        String etag = s3.minio().uploadPart(UploadPartArgs.builder()
                        .bucket(s3.bucket())
                        .object(key)
                        .uploadId(uploadId)
                        .partNumber(number)
                        .data(bytes, length)
                        .build())
                .get().part().etag();
        stored(number, etag);
    }

    /** A presigned URL to PUT part {@code number} to, its payload unsigned. */
    String partUrl(int number) throws MinioException {
        return s3.minio().getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Http.Method.PUT)
                .bucket(s3.bucket())
                .object(key)
                .expiry(PART_URL_SECONDS)
                .extraQueryParams(Map.of("uploadId", uploadId, "partNumber", Integer.toString(number)))
                .build());
    }

    /** Records that part {@code number} was stored with this ETag (sent some other way than {@link #send}). */
    void stored(int number, String etag) {
        parts.add(new Part(number, etag));
    }

    /** Makes the parts stored so far the blob. */
    void complete() throws ExecutionException, InterruptedException {
        s3.minio().completeMultipartUpload(CompleteMultipartUploadArgs.builder()
                        .bucket(s3.bucket())
                        .object(key)
                        .uploadId(uploadId)
                        .parts(parts.toArray(Part[]::new))
                        .build())
                .get();
    }

    /** Drops the upload and its parts. Best effort: what is left is aborted later by {@link #abortStartedBefore}. */
    void abortQuietly() {
        try {
            abort(s3, key, uploadId);
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("Could not abort the multipart upload of {} (the blob sweep will): {}", key, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Aborts the multipart uploads under the prefix started before {@code startedBefore} and never completed, paging
     * through ListMultipartUploads (1000 a request). A store that does not list multipart uploads (answers
     * NotImplemented) has none to abort: 0.
     *
     * @return how many were aborted
     */
    static int abortStartedBefore(S3Client s3, String prefix, Instant startedBefore) {
        Objects.requireNonNull(startedBefore, "startedBefore");
        int aborted = 0;
        String keyMarker = null;
        String uploadIdMarker = null;
        try {
            while (true) {
                ListMultipartUploadsArgs.Builder args =
                        ListMultipartUploadsArgs.builder().bucket(s3.bucket()).prefix(prefix).maxUploads(1000);
                if (keyMarker != null) {
                    args.keyMarker(keyMarker).uploadIdMarker(uploadIdMarker);
                }
                ListMultipartUploadsResult page = s3.minio().listMultipartUploads(args.build()).get().result();
                List<ListMultipartUploadsResult.Upload> uploads = page.uploads();
                for (ListMultipartUploadsResult.Upload upload : uploads == null ? List.<ListMultipartUploadsResult.Upload>of() : uploads) {
                    Instant initiated = upload.initiated() == null ? null : upload.initiated().toInstant();
                    if (initiated != null && !initiated.isBefore(startedBefore)) {
                        continue;
                    }
                    abort(s3, upload.objectName(), upload.uploadId());
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
            throw new BlobStoreUnavailableException(
                    s3.errors().where() + ": aborting incomplete uploads interrupted", e);
        } catch (ExecutionException | RuntimeException e) {
            if (S3Errors.hasCode(e, "NotImplemented")) {
                return aborted;
            }
            throw s3.errors().translate("abort incomplete uploads under", prefix, e, null);
        }
    }

    private static void abort(S3Client s3, String key, String uploadId)
            throws ExecutionException, InterruptedException {
        s3.minio().abortMultipartUpload(AbortMultipartUploadArgs.builder()
                        .bucket(s3.bucket())
                        .object(key)
                        .uploadId(uploadId)
                        .build())
                .get();
    }
}
