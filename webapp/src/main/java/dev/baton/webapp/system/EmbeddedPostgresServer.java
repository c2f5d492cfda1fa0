package dev.baton.webapp.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
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
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    static EmbeddedPostgresServer start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        Path passwordFile = dataDir.resolve("postgres-password");
        try {
            Files.createDirectories(pgData);
            stopOrphan(pgData);
            boolean secured = Files.exists(passwordFile);
            String password = secured ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip() : null;
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
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
                    .setServerConfig("max_connections", "100");
            if (secured) {
                builder.setConnectConfig("password", password);
            }
            EmbeddedPostgres postgres = builder.start();
            if (!secured) {
                password = requirePassword(postgres, pgData, passwordFile);
            }
            return new EmbeddedPostgresServer(postgres, password);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + pgData + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The cluster is made with trust authentication; on the first start Baton gives the superuser a random password,
     * kept in a file only its owner can read, and from then on PostgreSQL asks every connection for it.
     */
    private static String requirePassword(EmbeddedPostgres postgres, Path pgData, Path passwordFile)
            throws IOException, SQLException {
        String password = HexFormat.of().formatHex(randomBytes(24));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter user postgres with password '" + password + "'");
            Path partial = passwordFile.resolveSibling(passwordFile.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            Files.createFile(partial,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, password, StandardCharsets.UTF_8);
            Files.move(partial, passwordFile, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(pgData.resolve("pg_hba.conf"), """
                    # Written by Baton: every connection needs the password in ../postgres-password
                    local all all scram-sha-256
                    host  all all 127.0.0.1/32 scram-sha-256
                    host  all all ::1/128 scram-sha-256
                    """, StandardCharsets.US_ASCII);
            statement.execute("select pg_reload_conf()");
        }
        log.info("Secured the embedded PostgreSQL with a password kept in {}", passwordFile);
        return password;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** JDBC URL of the {@code postgres} database (user {@code postgres}, {@link #password()}), on loopback only. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    String password() {
        return password;
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
        String dataPath = pgData.toAbsolutePath().normalize().toString();
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        // ours only if it is a postgres running on this very data directory (a pid may be reused after a reboot)
        boolean ours = process.flatMap(p -> p.info().commandLine())
                .map(line -> line.contains("postgres") && line.contains(dataPath))
                .orElse(false);
        if (process.isEmpty() || !ours) {
            log.info("Removing stale PostgreSQL pid file {} (process {} is gone)", pidFile, pid.get());
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("Stopping PostgreSQL {} left running by a previous run on {}", pid.get(), pgData);
        ProcessHandle orphan = process.get();
        List<ProcessHandle> children = orphan.descendants().toList();
        // SIGINT is PostgreSQL's "fast" shutdown: it ends open sessions, writes a checkpoint and exits
        signal("INT", orphan.pid());
        try {
            orphan.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL {} did not stop in {}; killing it and its processes", pid.get(), ORPHAN_STOP_WAIT);
            children.forEach(ProcessHandle::destroyForcibly);
            orphan.destroyForcibly();
            orphan.onExit().join();
        }
        for (ProcessHandle child : children) {
            child.onExit().join();
        }
        Files.deleteIfExists(pidFile);
    }

    private static void signal(String name, long pid) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid)).inheritIO().start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping PostgreSQL " + pid, e);
        }
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
