package dev.baton.webapp.content;

import dev.baton.indexer.Detection;
import dev.baton.indexer.TypeDetector;
import dev.baton.storage.BlobStore;
import dev.baton.storage.PutResult;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.BatonProperties;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Receives a multipart upload as it arrives. The {@code file} part streams straight into the object store, written
 * once under a fresh key and hashed on the way ({@link BlobStore#putNew}); its first bytes (as many as type detection
 * reads, {@link TypeDetector#DEFAULT_MAX_PREFIX_BYTES} at most) are kept in memory to type it. Nothing waits for the
 * whole request before storing starts, nothing is spooled to disk, and no more than that prefix and the store's part
 * buffer is held in memory. The other parts are small form fields (at most 256 KB each), collected by name.
 *
 * <p>The bytes are stored before they are typed: {@link ContentService} removes the blob when it refuses the file or
 * finds the same bytes recorded already. A blob that a crash leaves without a version row is removed by {@link
 * BlobSweep}.
 */
@Component
class UploadReceiver {

    private static final String FILE_PART = "file";
    /**
     * Request buffers (Netty's, at most 64 KiB each, off the heap) read ahead of the store: while the S3 client sends
     * one part, the request keeps arriving, up to this many buffers (16 MiB at most), instead of stalling until the
     * client reads the next part. Sending and receiving then overlap; with 8 buffers they took turns.
     */
    private static final int DEMAND = 256;
    private static final int FIELD_LIMIT = 256 * 1024;
    /** As many first bytes of a file as type detection reads. */
    private static final int PREFIX_BYTES = TypeDetector.DEFAULT_MAX_PREFIX_BYTES;

    private final BlobStore blobs;
    private final long maxSize;
    private final String maxSizeText;
    private final TypeDetector detector = new TypeDetector();

    /** The type detector, shared (building one takes about a second). */
    TypeDetector detector() {
        return detector;
    }

    UploadReceiver(BlobStore blobs, BatonProperties properties) {
        this.blobs = blobs;
        this.maxSize = properties.upload().maxSize().toBytes();
        this.maxSizeText = properties.upload().describe();
    }

    /**
     * Reads the request's parts in order, storing the file part.
     *
     * @param requestLength the request's length, or -1 when it is not known: less the fields before the file, it
     *     bounds the file's length, which lets the store send the file on as it arrives
     */
    Mono<Received> receive(Flux<PartEvent> events, long requestLength) {
        Map<String, String> fields = new LinkedHashMap<>();
        Received[] file = new Received[1];
        long[] fieldBytes = new long[1]; // of the fields read so far: the file is at most the request less these
        return events.windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, all) -> {
                    PartEvent event = first.get();
                    if (event instanceof FilePartEvent filePart && FILE_PART.equals(event.name()) && file[0] == null) {
                        return store(all.map(PartEvent::content), filePart.filename(),
                                        requestLength < 0 ? requestLength : requestLength - fieldBytes[0])
                                .doOnNext(received -> file[0] = received)
                                .then();
                    }
                    if (event instanceof FormPartEvent) {
                        return all.doOnNext(e -> {
                            String value = ((FormPartEvent) e).value();
                            fieldBytes[0] += value.getBytes(StandardCharsets.UTF_8).length;
                            fields.merge(e.name(), value, String::concat);
                        }).then();
                    }
                    if (event instanceof FilePartEvent) {
                        // another file part than the one asked for: read and dropped
                        return all.doOnNext(e -> {
                            fieldBytes[0] += e.content().readableByteCount();
                            DataBufferUtils.release(e.content());
                        }).then();
                    }
                    // a field with a type of its own (the JSON metadata): its text, at most FIELD_LIMIT bytes
                    return DataBufferUtils.join(all.map(PartEvent::content), FIELD_LIMIT)
                            .doOnNext(buffer -> {
                                fieldBytes[0] += buffer.readableByteCount();
                                fields.put(event.name(), buffer.toString(StandardCharsets.UTF_8));
                                DataBufferUtils.release(buffer);
                            })
                            .onErrorMap(DataBufferLimitException.class, e -> new BatonException.InvalidInput(
                                    event.name(), "use at most " + FIELD_LIMIT / 1024 + " KB"))
                            .then();
                }))
                .then(Mono.fromSupplier(() -> {
                    if (file[0] == null) {
                        throw new MissingFile();
                    }
                    return file[0].with(fields);
                }))
                .onErrorResume(e -> Mono.justOrEmpty(file[0]).doOnNext(this::discard).then(Mono.error(e)));
    }

    /** Receives a request whose body is the file itself; {@code requestLength} as in {@link #receive}. */
    Mono<Received> receiveBody(Flux<DataBuffer> body, String fileName, long requestLength) {
        return store(body, fileName, requestLength);
    }

    /** Stores a file; {@code bound}: at most how long it is (-1: not known), so the store can send it on early. */
    private Mono<Received> store(Flux<DataBuffer> content, String fileName, long bound) {
        long atMost = bound < 0 ? BlobStore.UNKNOWN_LENGTH : Math.min(bound, maxSize);
        return Mono.fromCallable(() -> {
            Prefix prefix = null;
            // typed while the rest is stored: as soon as the prefix is complete (at once for a smaller file)
            CompletableFuture<byte[]> typable = new CompletableFuture<>();
            CompletableFuture<Detection> detection = typable.thenApplyAsync(bytes -> detect(bytes, fileName),
                    task -> Schedulers.boundedElastic().schedule(task));
            try (Prefix in = new Prefix(DataBufferUtils.subscriberInputStream(content, DEMAND), PREFIX_BYTES,
                    maxSize, typable)) {
                prefix = in;
                PutResult put = blobs.putNew(in, BlobStore.UNKNOWN_LENGTH, atMost, "application/octet-stream");
                typable.complete(in.bytes());
                return new Received(detection, put, fileName, Map.of());
            } catch (IOException | RuntimeException e) {
                typable.cancel(false);
                if (prefix != null && prefix.tooLarge) {
                    throw new FileTooLarge(maxSizeText);
                }
                throw e;
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Reads a form field of a received upload with {@code parse} (which may give null) and goes on with {@code then};
     * when {@code parse} refuses the field, the stored file is removed before the refusal is answered.
     */
    <M, T> Mono<T> withField(Received received, String field, Function<String, M> parse, Function<M, Mono<T>> then) {
        M value;
        try {
            value = parse.apply(received.fields().get(field));
        } catch (RuntimeException e) {
            return Mono.fromRunnable(() -> discard(received))
                    .subscribeOn(Schedulers.boundedElastic())
                    .onErrorResume(failure -> Mono.empty()) // the sweep removes it later
                    .then(Mono.error(e));
        }
        return then.apply(value);
    }

    /**
     * Removes the blob of an upload that was not recorded. Blocking. The blob's key is fresh ({@link
     * BlobStore#putNew}): nothing else can point at it unless the upload was recorded, which the caller rules out.
     */
    void discard(Received received) {
        blobs.delete(received.put().key());
    }

    private Detection detect(byte[] prefix, String fileName) {
        try {
            return detector.detect(new ByteArrayInputStream(prefix), fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An upload's file part: stored under {@code put}, its type as detected from its first bytes (the detection may
     * still be running), and the request's form fields.
     */
    record Received(CompletableFuture<Detection> detection, PutResult put, String fileName,
            Map<String, String> fields) {

        Received with(Map<String, String> newFields) {
            return new Received(detection, put, fileName, Map.copyOf(newFields));
        }
    }

    /** Keeps the first bytes read (for type detection), and stops a body that grows past the size limit. */
    private static final class Prefix extends FilterInputStream {
        private final long max;
        private final int keep;
        private final CompletableFuture<byte[]> complete;
        private byte[] prefix = new byte[1024];
        private int kept;
        private long count;
        private volatile boolean tooLarge;

        /** {@code complete} is given the prefix as soon as {@code keep} bytes are in. */
        Prefix(InputStream in, int keep, long max, CompletableFuture<byte[]> complete) {
            super(in);
            this.keep = keep;
            this.max = max;
            this.complete = complete;
        }

        byte[] bytes() {
            return Arrays.copyOf(prefix, kept);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > max) {
                    tooLarge = true;
                    throw new IOException("The file is larger than the limit");
                }
                if (kept < keep) {
                    int take = Math.min(n, keep - kept);
                    if (kept + take > prefix.length) {
                        prefix = Arrays.copyOf(prefix, Math.min(keep, Math.max(kept + take, prefix.length * 2)));
                    }
                    System.arraycopy(b, off, prefix, kept, take);
                    kept += take;
                    if (kept == keep) {
                        complete.complete(bytes());
                    }
                }
            }
            return n;
        }
    }

    /** The request has no {@code file} part with a file name (400). */
    static final class MissingFile extends BatonException {
        MissingFile() {
            super(HttpStatus.BAD_REQUEST, "Invalid request", "The parameter 'file' is missing or malformed");
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", java.util.List.of(Map.of("field", FILE_PART, "reason", "is missing")));
        }
    }

    /** The file is larger than the configured limit (413). */
    static final class FileTooLarge extends BatonException {
        FileTooLarge(String max) {
            super(HttpStatus.CONTENT_TOO_LARGE, "File too large", "The file is larger than the limit of " + max);
        }
    }
}
