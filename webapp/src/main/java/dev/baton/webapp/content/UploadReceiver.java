package dev.baton.webapp.content;

import dev.baton.storage.BlobStore;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.BatonProperties;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Receives a multipart upload as it arrives. The {@code file} part streams straight into the {@link Intake}, which
 * stores it once under a fresh key, hashing it on the way, and types it from its first bytes. Nothing waits for the
 * whole request before storing starts, nothing is spooled to disk, and no more than the intake's prefix and the
 * store's part buffer is held in memory. The other parts are small form fields (at most 256 KB each), collected by
 * name.
 *
 * <p>The bytes are stored before they are typed: the intake removes them when the library refuses the file or finds
 * the same bytes recorded already. A blob that a crash leaves without a version row is removed by {@link BlobSweep}.
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

    private final Intake intake;
    private final long maxSize;
    private final String maxSizeText;

    UploadReceiver(Intake intake, BatonProperties properties) {
        this.intake = intake;
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
                .onErrorResume(e -> Mono.justOrEmpty(file[0]).flatMap(this::discard).then(Mono.error(e)));
    }

    /** Receives a request whose body is the file itself; {@code requestLength} as in {@link #receive}. */
    Mono<Received> receiveBody(Flux<DataBuffer> body, String fileName, long requestLength) {
        return store(body, fileName, requestLength);
    }

    /** Stores a file; {@code bound}: at most how long it is (-1: not known), so the store can send it on early. */
    private Mono<Received> store(Flux<DataBuffer> content, String fileName, long bound) {
        long atMost = bound < 0 ? BlobStore.UNKNOWN_LENGTH : Math.min(bound, maxSize);
        return Mono.fromCallable(() -> {
            Limited in = new Limited(DataBufferUtils.subscriberInputStream(content, DEMAND), maxSize);
            try (in) {
                return new Received(intake.store(in, atMost, fileName), Map.of());
            } catch (IOException | RuntimeException e) {
                if (in.tooLarge) {
                    throw new FileTooLarge(maxSizeText);
                }
                RuntimeException request = requestFault(e);
                if (request != null) {
                    throw request;
                }
                throw e;
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The request's own fault under the store's wrapping of a failed read (no body, a multipart body that breaks
     * off, a part whose Content-Type is no media type): the client's error, answered as the 400 it is, not as a
     * failure of the store.
     */
    private static RuntimeException requestFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResponseStatusException r && r.getStatusCode().is4xxClientError()
                    || t instanceof DecodingException || t instanceof InvalidMediaTypeException) {
                return (RuntimeException) t;
            }
        }
        return null;
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
            return discard(received).then(Mono.error(e));
        }
        return then.apply(value);
    }

    /** Removes the stored file of an upload that was not recorded. */
    private Mono<Void> discard(Received received) {
        return intake.discard(received.file());
    }

    /** An upload's file part, stored by the intake, and the request's form fields. */
    record Received(Intake.Arrival file, Map<String, String> fields) {

        Received with(Map<String, String> newFields) {
            return new Received(file, Map.copyOf(newFields));
        }
    }

    /** Stops a body that grows past the size limit. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private long count;
        private volatile boolean tooLarge;

        Limited(InputStream in, long max) {
            super(in);
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
