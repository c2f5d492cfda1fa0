package dev.baton.webapp.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the single sign-on tests: Baton with OpenID Connect on, against a real provider in this JVM
 * (mock-oauth2-server with its interactive login page: a user name and a JSON of claims). It is a Baton of its own
 * (its own data directory, database and S3 store), so every other test runs with single sign-on off. Its browser
 * comes from {@link BrowserTest}; the HTTP tests ignore it.
 */
abstract class OidcTest extends BrowserTest {

    static final String ISSUER_ID = "baton-idp";
    static final String CLIENT_ID = "baton-test-client";
    private static final Path DATA_DIR = dataDir();
    static final MockOAuth2Server PROVIDER = provider();

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        registry.add("baton.test.data-dir", DATA_DIR::toString);
        registry.add("baton.oidc.issuer-uri", () -> PROVIDER.issuerUrl(ISSUER_ID).toString());
        registry.add("baton.oidc.client-id", () -> CLIENT_ID);
        registry.add("baton.oidc.client-secret", () -> "baton-test-secret");
        registry.add("baton.oidc.scopes", () -> "openid,profile,email");
        registry.add("baton.oidc.roles-claim", () -> "groups");
        registry.add("baton.oidc.button-label", () -> "Sign in with Acme ID");
    }

    /** The data directory this Baton runs on, as its environment has it (the test proves it is its own). */
    static Path oidcDataDir() {
        return DATA_DIR;
    }

    private static MockOAuth2Server provider() {
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        return server;
    }

    private static Path dataDir() {
        try {
            Path dir = Files.createTempDirectory("baton-oidc-test-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
