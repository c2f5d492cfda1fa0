package dev.baton.webapp.content;

import dev.baton.storage.BlobStore;
import dev.baton.storage.PutResult;
import dev.baton.webapp.system.BatonException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Receives a multipart upload as it arrives. The {@code file} part streams straight into the object store (hashed on
 * the way, {@link BlobStore#putContentAddressed}) and, at the same time, into a spool file that is only read to type
 * the bytes; nothing waits for the whole request before storing starts, and no part is held in memory. The other
 * parts are small form fields (at most 256 KB each), collected by name.
 *
 * <p>The bytes are stored before they are typed: {@link ContentService} removes a blob it then refuses, unless the
 * same bytes were stored before.
 */
@Component
class UploadReceiver {

    private static final String FILE_PART = "file";
    private static final int DEMAND = 8;
    private static final int FIELD_LIMIT = 256 * 1024;

    private final BlobStore blobs;
    private final long maxSize;

    UploadReceiver(BlobStore blobs,
            @Value("${spring.webflux.multipart.max-disk-usage-per-part:2GB}") DataSize maxSize) {
        this.blobs = blobs;
        this.maxSize = maxSize.toBytes();
    }

    /** Reads the request's parts in order, storing the file part; the spool file is the caller's to delete. */
    Mono<Received> receive(Flux<PartEvent> events) {
        Map<String, String> fields = new LinkedHashMap<>();
        Received[] file = new Received[1];
        return events.windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, all) -> {
                    PartEvent event = first.get();
                    if (event instanceof FilePartEvent filePart && FILE_PART.equals(event.name()) && file[0] == null) {
                        return store(all.map(PartEvent::content), filePart.filename())
                                .doOnNext(received -> file[0] = received)
                                .then();
                    }
                    if (event instanceof FormPartEvent) {
                        return all.doOnNext(e -> fields.merge(e.name(), ((FormPartEvent) e).value(), String::concat))
                                .then();
                    }
                    if (event instanceof FilePartEvent) {
                        // another file part than the one asked for: read and dropped
                        return all.doOnNext(e -> DataBufferUtils.release(e.content())).then();
                    }
                    // a field with a type of its own (the JSON metadata): its text, at most FIELD_LIMIT bytes
                    return DataBufferUtils.join(all.map(PartEvent::content), FIELD_LIMIT)
                            .doOnNext(buffer -> {
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

    /** Receives a request whose body is the file itself; the spool file is the caller's to delete. */
    Mono<Received> receiveBody(Flux<DataBuffer> body, String fileName) {
        return store(body, fileName);
    }

    private Mono<Received> store(Flux<DataBuffer> content, String fileName) {
        return Mono.fromCallable(() -> {
            Path spool = Files.createTempFile("baton-upload-", ".part");
            Tee tee = null;
            try (Tee in = new Tee(DataBufferUtils.subscriberInputStream(content, DEMAND), spool, maxSize)) {
                tee = in;
                PutResult put = blobs.putContentAddressed(in, -1, "application/octet-stream");
                return new Received(spool, put, fileName, Map.of());
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(spool);
                if (tee != null && tee.tooLarge) {
                    throw new FileTooLarge(maxSize);
                }
                throw e;
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Removes what a failed request left: the spool, and the blob unless those bytes were stored before. */
    void discard(Received received) {
        try {
            Files.deleteIfExists(received.spool());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!received.put().alreadyStored()) {
            blobs.delete(received.put().key());
        }
    }

    /**
     * An upload's file part: stored under {@code put}, its bytes also in {@code spool} for typing, and the request's
     * form fields.
     */
    record Received(Path spool, PutResult put, String fileName, Map<String, String> fields) {

        Received with(Map<String, String> newFields) {
            return new Received(spool, put, fileName, Map.copyOf(newFields));
        }
    }

    /** Copies what is read into a file, and stops a body that grows past the size limit. */
    private static final class Tee extends FilterInputStream {
        private final OutputStream copy;
        private final long max;
        private long count;
        private volatile boolean tooLarge;

        Tee(InputStream in, Path file, long max) throws IOException {
            super(in);
            this.copy = Files.newOutputStream(file);
            this.max = max;
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
                copy.write(b, off, n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                copy.close();
            } finally {
                super.close();
            }
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
        FileTooLarge(long max) {
            super(HttpStatus.CONTENT_TOO_LARGE, "File too large",
                    "The file is larger than the limit of " + DataSize.ofBytes(max).toMegabytes() + " MB");
        }
    }
}
