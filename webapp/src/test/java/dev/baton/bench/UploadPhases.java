package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where an upload's time goes inside Baton, from a flight recording of Baton's JVM: the CPU samples taken during each
 * upload are sorted into phases by the code they were in, and each phase is reported as the span from its first to
 * its last sample, relative to the start of the upload. Phases that follow each other rather than overlap show a
 * store-and-forward pipeline.
 */
final class UploadPhases {

    /** One upload through Baton, as the client timed it. */
    record Window(Instant start, Instant end) {}

    enum Phase {
        RECEIVE("receive + multipart parse"),
        DETECT("type detection"),
        STORE("put to S3 (client and server)"),
        COPY("server-side copy to the content key");

        final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    /** Samples this close to another of the same phase belong to it; JFR's default settings sample every 20 ms. */
    private static final Duration NEIGHBOUR = Duration.ofMillis(250);

    private UploadPhases() {}

    /**
     * Dumps the recording named {@code bench} of the JVM {@code pid} into {@code file} and prints the phases of every
     * upload in {@code uploads} (by size in MiB). Prints why not when there is no such recording.
     */
    static void report(long pid, Path file, Map<Integer, List<Window>> uploads) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process dump = new ProcessBuilder(jcmd, Long.toString(pid), "JFR.dump", "name=bench", "filename=" + file)
                .redirectErrorStream(true).start();
        String output = new String(dump.getInputStream().readAllBytes());
        if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0 || !Files.exists(file)) {
            System.out.println("no phase breakdown: Baton has no flight recording named 'bench' (" + output.strip()
                    + ")");
            return;
        }
        List<RecordedEvent> samples = samples(file);
        for (Map.Entry<Integer, List<Window>> entry : uploads.entrySet()) {
            for (Window window : entry.getValue()) {
                System.out.printf(Locale.ROOT, "%d MiB upload through Baton, %.1f s: %s%n", entry.getKey(),
                        seconds(window.start(), window.end()), describe(samples, window));
            }
        }
        Files.deleteIfExists(file);
    }

    private static List<RecordedEvent> samples(Path file) throws IOException {
        List<RecordedEvent> samples = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample") || type.equals("jdk.NativeMethodSample")) {
                    samples.add(event);
                }
            }
        }
        return samples;
    }

    private static String describe(List<RecordedEvent> samples, Window window) {
        Map<Phase, List<Instant>> times = new EnumMap<>(Phase.class);
        for (RecordedEvent sample : samples) {
            Instant at = sample.getStartTime();
            if (at.isBefore(window.start()) || at.isAfter(window.end())) {
                continue;
            }
            Phase phase = phase(sample);
            // a native sample is a thread in native code, often just waiting on a socket: counted only where the
            // native call is the work (the spool file copy, the server-side copy)
            if (phase == Phase.STORE && sample.getEventType().getName().equals("jdk.NativeMethodSample")) {
                phase = null;
            }
            if (phase != null) {
                times.computeIfAbsent(phase, p -> new ArrayList<>()).add(at);
            }
        }
        Map<Phase, Instant[]> spans = new EnumMap<>(Phase.class);
        for (Map.Entry<Phase, List<Instant>> phase : times.entrySet()) {
            Instant[] span = span(phase.getValue());
            if (span != null) {
                spans.put(phase.getKey(), span);
            }
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Phase, Instant[]> span : spans.entrySet()) {
            parts.add(String.format(Locale.ROOT, "%s %.1f-%.1f s", span.getKey().label,
                    seconds(window.start(), span.getValue()[0]), seconds(window.start(), span.getValue()[1])));
        }
        return parts.isEmpty() ? "no samples" : String.join(", ", parts);
    }

    /**
     * From the first to the last sample that has another sample of the same phase within {@link #NEIGHBOUR}: a lone
     * sample (a buffer released after the fact, a temporary file deleted) does not stretch the phase. A phase seen
     * only in lone samples spans them all.
     */
    private static Instant[] span(List<Instant> times) {
        List<Instant> sorted = times.stream().sorted().toList();
        Instant first = null;
        Instant last = null;
        for (int i = 0; i < sorted.size(); i++) {
            boolean near = (i > 0 && Duration.between(sorted.get(i - 1), sorted.get(i)).compareTo(NEIGHBOUR) <= 0)
                    || (i + 1 < sorted.size()
                            && Duration.between(sorted.get(i), sorted.get(i + 1)).compareTo(NEIGHBOUR) <= 0);
            if (near) {
                first = first == null ? sorted.get(i) : first;
                last = sorted.get(i);
            }
        }
        if (first == null) { // only lone samples: a phase too short to sample twice
            return sorted.isEmpty() ? null : new Instant[] {sorted.get(0), sorted.get(sorted.size() - 1)};
        }
        return new Instant[] {first, last};
    }

    /** The phase of a sample, by the first frame (from the top) that names one; null for anything else. */
    private static Phase phase(RecordedEvent sample) {
        if (sample.getStackTrace() == null) {
            return null;
        }
        for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
            if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            String method = frame.getMethod().getName();
            if (type.startsWith("org.gaul.s3proxy.S3ProxyHandler") && method.equals("handleCopyBlob")) {
                return Phase.COPY;
            }
            if (type.startsWith("org.springframework.http.codec.multipart.")
                    || type.startsWith("org.springframework.core.io.buffer.DataBufferUtils")) {
                return Phase.RECEIVE;
            }
            if (type.equals("dev.baton.indexer.TypeDetector")) {
                return Phase.DETECT;
            }
        }
        for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
            if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("io.minio.") || type.startsWith("okhttp3.") || type.startsWith("okio.")
                    || type.startsWith("dev.baton.storage.") || type.startsWith("org.gaul.s3proxy.")) {
                return Phase.STORE;
            }
        }
        return null;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
