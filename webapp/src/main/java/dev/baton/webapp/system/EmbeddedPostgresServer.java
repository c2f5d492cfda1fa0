package dev.baton.webapp.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Baton starts for itself when no external database is configured: real PostgreSQL binaries
 * (from Maven Central) running as a child process on a data directory that survives restarts.
 *
 * <p>A previous run killed with {@code kill -9} leaves its postmaster running and its {@code postmaster.pid} behind;
 * {@link #start} stops such an orphan (it owns our data directory, so nobody else needs it) before starting, and
 * drops a pid file whose process is gone or is not a postmaster. The caller holds the {@link DataDirectory} lock, so
 * no live Baton owns that postmaster. PostgreSQL's own crash recovery then replays the WAL,
 * so nothing committed is lost.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Files.createDirectories(pgData);
            stopOrphan(pgData);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDir.resolve("pg-binaries").toFile())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // durable and private: the library's test defaults trade both away
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .start();
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData, e);
        }
    }

    /** JDBC URL of the {@code postgres} database, user {@code postgres}, trusted on loopback only. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    /** Stops a postmaster left running on this data directory by a run that was killed, or drops a stale pid file. */
    static void stopOrphan(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            log.info("Removing unreadable PostgreSQL pid file {}", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        boolean postmaster = process.flatMap(p -> p.info().command())
                .map(command -> command.endsWith("/postgres") || command.endsWith("/postmaster"))
                .orElse(false);
        if (process.isEmpty() || !postmaster) {
            log.info("Removing stale PostgreSQL pid file {} (process {} is gone)", pidFile, pid.get());
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("Stopping PostgreSQL {} left running by a previous run on {}", pid.get(), pgData);
        ProcessHandle orphan = process.get();
        // SIGTERM: "smart" shutdown; the killed run's connections are gone, so it finishes at once
        orphan.destroy();
        try {
            orphan.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL {} did not stop in {}; killing it", pid.get(), ORPHAN_STOP_WAIT);
            orphan.destroyForcibly();
            orphan.onExit().join();
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
