package dev.baton.webapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the integration tests: the whole application on a random port with its embedded defaults (a real
 * PostgreSQL and a real S3 server under a temporary data directory), shared by every test class that extends this
 * (Spring caches the context). Tests create the users they need with names of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestUsers.class, TestClock.class})
public abstract class BatonTest {

    public static final String ADMIN_PASSWORD = "admin-test-password";
    private static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestUsers users;

    protected WebTestClient http;

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) {
        // a test base that runs a Baton of its own (web.OidcTest) names its own directory in baton.test.data-dir
        registry.add("baton.data-dir", () -> "${baton.test.data-dir:" + DATA_DIR + "}");
        registry.add("baton.admin-password", () -> ADMIN_PASSWORD);
        // every test signs in from 127.0.0.1: the per-address limit is LoginThrottleTest's to prove, not theirs
        registry.add("baton.login.max-failures-per-address", () -> "100000");
        // tests make the content they assert on; the demo library has its own test
        registry.add("baton.demo.enabled", () -> "false");
        registry.add("baton.extraction.poll", () -> "500ms");
        // a verified API token is trusted until a change to it or its user is heard, never by its expiry alone: any
        // change that fails to end the trust fails the test that makes it
        registry.add("baton.login.token-cache", () -> "1h");
        // webhook tests receive on this machine; every other internal address stays refused
        registry.add("baton.webhooks.allowed-private-targets", () -> "127.0.0.1/32");
        // email goes to the tests' own SMTP server (GreenMail), where notification tests read it
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::smtpPort);
        registry.add("baton.public-url", () -> "https://baton.test");
        // the weekly digest would email every test's marketers whenever a test moves the clock into a new week:
        // digest tests send it to their own people through the admin's "send now"
        registry.add("baton.reports.digest.enabled", () -> "false");
        // the pack reminder scan would remind every test's reps whenever a test moves the clock: reminder tests run
        // the scan themselves
        registry.add("baton.packs.reminders.enabled", () -> "false");
    }

    @BeforeEach
    void client() {
        // generous: a loaded 2-core machine hashing Argon2 passwords can be slow, and a fast answer ends the wait
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(60)).build();
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes());
    }

    private static Path createDataDir() {
        try {
            Path dir = Files.createTempDirectory("baton-test-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
