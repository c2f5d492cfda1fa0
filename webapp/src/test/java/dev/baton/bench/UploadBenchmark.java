package dev.baton.bench;

import static dev.baton.bench.BenchEnv.median;

import io.minio.Checksum;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upload throughput: the same bytes sent (a) through Baton's {@code POST /api/v1/assets} and (b) straight to the S3
 * server Baton stores in, with the MinIO SDK's {@code putObject}, in alternating rounds, for 16 MiB and 256 MiB
 * files. Prints MiB/s for each, the ratio Baton / direct per size, and the peak heap of Baton's JVM during the
 * uploads (sampled with {@code jstat}, which reads the JVM's performance counters without touching it).
 *
 * <p>When Baton runs with a flight recording named {@code bench} ({@code upload.sh} starts it so), the recording is
 * dumped at the end and {@link UploadPhases} says, for each measured upload through Baton, when its phases ran:
 * receiving and parsing the multipart body, type detection, storing, the server-side copy. A 1 KiB upload each way
 * gives the fixed cost of a request.
 *
 * <p>The files are plain text (on Baton's allow-list): one generated file per size, sent behind a first line that
 * differs on every upload, so the content-addressed store never sees the same bytes twice. Bodies stream from disk;
 * nothing holds a whole file in memory. Both sides' bytes leave through OkHttp (Baton's upload directly, the direct
 * put inside the MinIO SDK); before each timed upload the benchmark waits for idle CPUs.
 *
 * <p>This package sits outside {@code dev.baton.webapp} on purpose: it talks to the packaged application over HTTP
 * only, and may use the MinIO SDK as the peer (see {@code src/checkstyle/import-control.xml}). Run by {@code
 * webapp/src/test/bench/upload.sh}.
 *
 * <p>Arguments: {@code baseUrl adminPassword s3Endpoint s3AccessKey s3SecretKey bucket batonPid workDir [rounds16]
 * [rounds256]}; {@code --heap-only} as the first argument does one 256 MiB upload through Baton and reports the heap.
 */
public final class UploadBenchmark {

    private static final long MIB = 1024 * 1024;
    private static final long PART_SIZE = 16 * MIB;
    private static final Duration QUIESCE_LIMIT = Duration.ofSeconds(30);
    /**
     * {@code BENCH_DIRECT_CHECKSUM=CRC32}: the direct put sends the checksum Baton sends ({@code CRC32}) instead of the
     * SDK's default ({@code CRC32C}, computed byte by byte in Java); unset, the peer keeps the SDK's defaults.
     */
    private static final String DIRECT_CHECKSUM = System.getenv("BENCH_DIRECT_CHECKSUM");
    /** {@code BENCH_RAW=1}: upload with the file as the request body instead of a multipart form. */
    private static final boolean RAW = "1".equals(System.getenv("BENCH_RAW"));
    private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

    private final URI base;
    /**
     * Sends Baton's uploads: OkHttp, the HTTP client the MinIO SDK sends the direct puts with, so both sides' bytes
     * leave the client the same way. {@code java.net.http} sent a 16 MiB multipart body at about 50 MiB/s here, which
     * capped Baton's side below what the server does (curl: 16 MiB through Baton in 175 ms at the median, 91 MiB/s).
     */
    private final OkHttpClient uploadClient = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofMinutes(5))
            .writeTimeout(Duration.ofMinutes(5))
            .build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final MinioClient minio;
    private final String bucket;
    private final long batonPid;
    private final Path workDir;
    private final AtomicInteger uploads = new AtomicInteger();
    private final String adminPassword;
    private String authorization;
    private Sampler sampler;
    private final Map<Integer, List<UploadPhases.Window>> phases = new TreeMap<>();

    private UploadBenchmark(String[] args) {
        this.base = URI.create(args[0]);
        this.adminPassword = args[1];
        this.authorization = basic(adminPassword);
        this.minio = MinioClient.builder().endpoint(args[2]).credentials(args[3], args[4]).build();
        this.bucket = args[5];
        this.batonPid = Long.parseLong(args[6]);
        this.workDir = Path.of(args[7]);
    }

    public static void main(String[] args) throws Exception {
        boolean heapOnly = args.length > 0 && args[0].equals("--heap-only");
        String[] rest = heapOnly ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (rest.length < 8) {
            throw new IllegalArgumentException("usage: [--heap-only] baseUrl adminPassword s3Endpoint s3AccessKey"
                    + " s3SecretKey bucket batonPid workDir [rounds16] [rounds256]");
        }
        UploadBenchmark bench = new UploadBenchmark(rest);
        try (Sampler sampler = new Sampler(bench.batonPid)) {
            bench.sampler = sampler;
            bench.useApiToken();
            if (heapOnly) {
                bench.heapOnly();
            } else {
                int rounds16 = rest.length > 8 ? Integer.parseInt(rest[8]) : 5;
                int rounds256 = rest.length > 9 ? Integer.parseInt(rest[9]) : 3;
                bench.fixedCost();
                // warm-up rounds until both paths are compiled by the JIT: Baton's 16 MiB uploads kept getting faster over
                // the first ten rounds after two warm-ups (0.5 to 0.6 of the direct put, then 0.8 to 1.0)
                bench.run(16, 10, rounds16);
                bench.run(256, 2, rounds256);
                bench.authenticationCost();
                UploadPhases.report(bench.batonPid, bench.workDir.resolve("baton.jfr"), bench.phases);
            }
        }
    }

    /**
     * Uploads with a bearer API token, as a script would: HTTP Basic checks the admin's Argon2 password hash on every
     * request (measured separately by {@link #authenticationCost()}).
     */
    private void useApiToken() throws Exception {
        authorization = ApiTokens.issue(http, base, authorization, "upload-benchmark");
    }

    private void run(int mib, int warmups, int rounds) throws Exception {
        Path file = generate(mib);
        long length = Files.size(file) + headerLength();
        for (int i = 0; i < warmups; i++) {
            direct(file, null);
            baton(file, null);
        }
        List<Double> batonRates = new ArrayList<>();
        List<Double> directRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        Heap batonHeap = new Heap();
        Heap directHeap = new Heap();
        List<UploadPhases.Window> windows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // ABBA: neither side always goes first
            double b;
            double d;
            if (round % 2 == 1) {
                quiesce();
                b = rate(length, timedBaton(file, batonHeap, windows));
                quiesce();
                d = rate(length, direct(file, directHeap));
            } else {
                quiesce();
                d = rate(length, direct(file, directHeap));
                quiesce();
                b = rate(length, timedBaton(file, batonHeap, windows));
            }
            batonRates.add(b);
            directRates.add(d);
            ratios.add(b / d);
            System.out.printf(Locale.ROOT, "%d MiB round %d: Baton API %.1f MiB/s, direct MinIO put %.1f MiB/s,"
                    + " ratio %.3f%n", mib, round, b, d, b / d);
        }
        double b = median(batonRates);
        double d = median(directRates);
        System.out.printf(Locale.ROOT, "%d MiB median: Baton API %.1f MiB/s, direct MinIO put %.1f MiB/s; ratio"
                + " Baton / direct %.3f, the median of the rounds' ratios (ratio of the medians %.3f; goal >= 0.8)%n",
                mib, b, d, median(ratios), b / d);
        System.out.printf(Locale.ROOT, "%d MiB peak heap used in Baton's JVM (jstat, 50 ms samples): during Baton"
                + " uploads %s; during direct puts (%s) %s%n",
                mib, batonHeap, "external".equals(System.getenv("BENCH_S3"))
                        ? "the S3 server runs in its own process" : "its embedded S3 server receiving", directHeap);
        phases.put(mib, windows);
        Files.delete(file);
    }

    /**
     * Waits (at most {@link #QUIESCE_LIMIT}) until the machine's CPUs are idle (at least 90 % over 250 ms): the text
     * extraction, indexing and garbage collection a previous upload set off in the background, or a neighbour's work,
     * would otherwise land on whichever upload comes next, Baton's or the direct put, and the rounds would measure
     * that instead of the upload (single rounds spread from 0.4 to 1.7 before this wait).
     */
    private static void quiesce() throws Exception {
        long deadline = System.nanoTime() + QUIESCE_LIMIT.toNanos();
        long[] before = cpuTicks();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            long[] after = cpuTicks();
            long total = after[0] - before[0];
            long idle = after[1] - before[1];
            if (total > 0 && idle >= 0.9 * total) {
                return;
            }
            before = after;
        }
        System.out.println("(the machine did not become idle within " + QUIESCE_LIMIT.toSeconds() + " s; measuring anyway)");
    }

    /** All CPU ticks and idle ticks (idle + iowait) since boot, from /proc/stat. */
    private static long[] cpuTicks() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        return new long[] {total, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])};
    }

    private long timedBaton(Path file, Heap heap, List<UploadPhases.Window> windows) throws Exception {
        Instant start = Instant.now();
        long nanos = baton(file, heap);
        windows.add(new UploadPhases.Window(start, Instant.now()));
        return nanos;
    }

    /** The fixed cost of one upload: a 1 KiB file through Baton and straight to the S3 server. */
    private void fixedCost() throws Exception {
        Path file = workDir.resolve("upload-1k.txt");
        Files.writeString(file, "A small text file for the upload benchmark.\n".repeat(23), StandardCharsets.UTF_8);
        List<Double> batonTimes = new ArrayList<>();
        List<Double> directTimes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batonTimes.add(baton(file, null) / 1e6);
            directTimes.add(direct(file, null) / 1e6);
        }
        System.out.printf(Locale.ROOT, "1 KiB upload, median of 12: Baton API %.1f ms, direct MinIO put %.1f ms%n",
                median(batonTimes.subList(2, 12)), median(directTimes.subList(2, 12)));
        Files.delete(file);
    }

    private void heapOnly() throws Exception {
        Path file = generate(256);
        long length = Files.size(file) + headerLength();
        Heap heap = new Heap();
        long nanos = baton(file, heap);
        System.out.printf(Locale.ROOT, "256 MiB through Baton API: %.1f MiB/s; peak heap used %s%n",
                rate(length, nanos), heap);
        Files.delete(file);
    }

    /** What HTTP Basic (an Argon2 check per request) costs against a bearer token, on a cheap GET. */
    private void authenticationCost() throws Exception {
        String basic = basic(adminPassword);
        String bearer = authorization;
        List<Double> basicTimes = new ArrayList<>();
        List<Double> bearerTimes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bearerTimes.add(timeGet("/api/v1/me", bearer));
            basicTimes.add(timeGet("/api/v1/me", basic));
        }
        System.out.printf(Locale.ROOT, "GET /api/v1/me median: bearer token %.1f ms, HTTP Basic %.1f ms (every Basic"
                + " request checks the Argon2 password hash)%n", median(bearerTimes), median(basicTimes));
    }

    private static String basic(String adminPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    private double timeGet(String path, String auth) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.discarding());
        double millis = (System.nanoTime() - t0) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return millis;
    }

    // --- the three ways of storing the bytes -----------------------------------------------------------------------

    private long baton(Path file, Heap heap) throws Exception {
        int n = uploads.incrementAndGet();
        String name = "upload-bench-" + n + ".txt";
        String metadata = "{\"title\":\"Upload benchmark " + n + "\"}";
        byte[] header = header(n);
        long expected = header.length + Files.size(file);
        RequestBody content = new RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return okhttp3.MediaType.get(RAW ? "application/octet-stream" : "text/plain");
            }

            @Override
            public long contentLength() {
                return expected;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(header);
                try (Source source = Okio.source(file)) {
                    sink.writeAll(source);
                }
            }
        };
        Request request = RAW
                // the file as the request body, its name and metadata in the query: no multipart to parse
                ? new Request.Builder()
                        .url(base.resolve("/api/v1/assets?fileName=" + name + "&metadata="
                                + java.net.URLEncoder.encode(metadata, StandardCharsets.UTF_8)).toString())
                        .header("Authorization", authorization)
                        .post(content)
                        .build()
                : new Request.Builder()
                        .url(base.resolve("/api/v1/assets").toString())
                        .header("Authorization", authorization)
                        .post(new MultipartBody.Builder()
                                .setType(MultipartBody.FORM)
                                .addFormDataPart("metadata", null,
                                        RequestBody.create(metadata, okhttp3.MediaType.get("application/json")))
                                .addFormDataPart("file", name, content)
                                .build())
                        .build();
        sampler.watch(heap);
        long t0 = System.nanoTime();
        int status;
        String body;
        try (Response response = uploadClient.newCall(request).execute()) {
            status = response.code();
            body = response.body().string();
        } finally {
            sampler.stop();
        }
        long nanos = System.nanoTime() - t0;
        Matcher size = SIZE.matcher(body);
        if (status != 201 || !size.find() || Long.parseLong(size.group(1)) != expected) {
            throw new IllegalStateException("Baton answered " + status + ": " + body);
        }
        return nanos;
    }

    private long direct(Path file, Heap heap) throws Exception {
        int n = uploads.incrementAndGet();
        byte[] header = header(n);
        String key = "bench/direct-" + n;
        long length = header.length + Files.size(file);
        sampler.watch(heap);
        long t0 = System.nanoTime();
        try (InputStream in = new SequenceInputStream(
                new ByteArrayInputStream(header), Files.newInputStream(file))) {
            PutObjectArgs.Builder args = PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(in, length, PART_SIZE)
                    .contentType("text/plain");
            if (DIRECT_CHECKSUM != null && !DIRECT_CHECKSUM.isBlank()) {
                args.checksum(Checksum.Algorithm.valueOf(DIRECT_CHECKSUM));
            }
            minio.putObject(args.build());
        } finally {
            sampler.stop();
        }
        long nanos = System.nanoTime() - t0;
        minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        return nanos;
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** The first line of an upload: the same length every time, different bytes every time. */
    private static byte[] header(int n) {
        return String.format(Locale.ROOT, "Upload benchmark file %012d %s%n", n, UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static int headerLength() {
        return header(0).length;
    }

    /** A plain-text file of {@code mib} MiB: lines of English words, generated once per size. */
    private Path generate(int mib) throws IOException {
        Path file = workDir.resolve("upload-" + mib + "m.txt");
        String[] words = ("sales enablement content library buyer stage persona industry product case study"
                + " onboarding renewal pipeline forecast champion committee proposal pricing security review"
                + " integration analytics dashboard representative marketing quarter region customer").split(" ");
        Random random = new Random(mib);
        byte[] line = new byte[100];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            long written = 0;
            while (written < mib * MIB) {
                int at = 0;
                while (true) {
                    byte[] word = words[random.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII);
                    if (at + word.length + 1 >= line.length - 1) {
                        break;
                    }
                    System.arraycopy(word, 0, line, at, word.length);
                    at += word.length;
                    line[at++] = ' ';
                }
                line[at++] = '\n';
                int n = (int) Math.min(at, mib * MIB - written);
                out.write(line, 0, n);
                written += n;
            }
        }
        return file;
    }

    private static double rate(long bytes, long nanos) {
        return bytes / (double) MIB / (nanos / 1e9);
    }


    /** The highest heap use seen across samplings, and the heap's size then. */
    static final class Heap {
        private final AtomicLong usedKb = new AtomicLong();
        private final AtomicLong capacityKb = new AtomicLong();

        void sample(long used, long capacity) {
            if (used > usedKb.get()) {
                usedKb.set(used);
                capacityKb.set(capacity);
            }
        }

        @Override
        public String toString() {
            return usedKb.get() == 0 ? "n/a (jstat gave nothing)" : String.format(Locale.ROOT,
                    "%.0f MiB (heap size then %.0f MiB)", usedKb.get() / 1024.0, capacityKb.get() / 1024.0);
        }
    }

    /**
     * {@code jstat -gc <pid> 50}, running for the whole benchmark: heap used = survivor + eden + old ({@code S0U S1U
     * EU OU}, KiB), heap size = their capacities. Samples go to the {@link Heap} in {@link #watch(Heap)}, if any.
     */
    static final class Sampler implements AutoCloseable {
        private final Process process;
        private final Thread reader;
        private volatile Heap current;
        private final java.util.concurrent.atomic.AtomicLong samples = new java.util.concurrent.atomic.AtomicLong();

        Sampler(long pid) throws IOException, InterruptedException {
            CountDownLatch firstSample = new CountDownLatch(1);
            String jstat = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
            process = new ProcessBuilder(jstat, "-gc", Long.toString(pid), "50").redirectErrorStream(true).start();
            reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    Map<String, Integer> columns = new LinkedHashMap<>();
                    String line;
                    while ((line = lines.readLine()) != null) {
                        String[] fields = line.trim().split("\\s+");
                        if (fields.length > 0 && fields[0].equals("S0C")) {
                            for (int i = 0; i < fields.length; i++) {
                                columns.put(fields[i], i);
                            }
                        } else if (!columns.isEmpty() && fields.length >= columns.size()) {
                            double used = 0;
                            double capacity = 0;
                            for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                                used += value(fields, columns.get(column));
                            }
                            for (String column : List.of("S0C", "S1C", "EC", "OC")) {
                                capacity += value(fields, columns.get(column));
                            }
                            Heap heap = current;
                            if (heap != null) {
                                heap.sample((long) used, (long) capacity);
                            }
                            synchronized (samples) {
                                samples.incrementAndGet();
                                samples.notifyAll();
                            }
                            firstSample.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the process was stopped: sampling is over
                }
            });
            if (!firstSample.await(30, TimeUnit.SECONDS)) {
                System.out.println("jstat gave no sample within 30 s: heap figures will be missing");
            }
        }

        /** Sends the samples to {@code heap} until {@link #stop()}. */
        void watch(Heap heap) {
            current = heap;
        }

        /**
         * Stops sending samples once the next sample after the end of what was watched has arrived (or after a second,
         * should jstat have stopped).
         */
        void stop() throws InterruptedException {
            if (current != null) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                synchronized (samples) {
                    long seen = samples.get();
                    long left;
                    while (samples.get() == seen && (left = deadline - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(samples, left);
                    }
                }
                current = null;
            }
        }

        private static double value(String[] fields, Integer index) {
            if (index == null || index >= fields.length || fields[index].equals("-")) {
                return 0;
            }
            return Double.parseDouble(fields[index]);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
            reader.join(1000);
        }
    }
}
