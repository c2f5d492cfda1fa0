package dev.baton.storage;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Translates what the MinIO SDK and OkHttp throw into the port's exceptions: missing keys to {@link
 * BlobNotFoundException}; I/O failures, timeouts, 5xx answers and answers that are not S3's to {@link
 * BlobStoreUnavailableException}; anything else (access denied, a missing bucket, a caller stream that failed) to
 * {@link BlobStoreException}. No SDK type leaves the adapter except as a cause.
 */
final class S3Errors {

    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchObject", "NotFound");
    private static final Set<String> UNAVAILABLE_CODES = Set.of(
            "InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout", "ServerBusy", "OperationAborted",
            "XMinioServerNotInitialized");

    private final S3Settings settings;

    S3Errors(S3Settings settings) {
        this.settings = settings;
    }

    /** The store, for messages. */
    String where() {
        return "S3 store " + settings.endpoint() + " bucket " + settings.bucket();
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
            String code = code(response);
            String message = response.errorResponse() == null ? null : response.errorResponse().message();
            int status = response.response() == null ? 0 : response.response().code();
            String detail = what + ": HTTP " + status + " " + code + (message == null ? "" : " (" + message + ")");
            if ("NoSuchBucket".equals(code)) {
                return new BlobStoreException(what + ": bucket " + settings.bucket() + " does not exist", response);
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

    /** Whether the failure is an S3 error answer with this code. */
    static boolean hasCode(Throwable failure, String code) {
        ErrorResponseException response = find(failure, ErrorResponseException.class);
        return response != null && code.equals(code(response));
    }

    private static String code(ErrorResponseException response) {
        return response.errorResponse() == null ? null : response.errorResponse().code();
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
}
