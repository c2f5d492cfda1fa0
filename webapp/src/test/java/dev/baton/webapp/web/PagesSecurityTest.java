package dev.baton.webapp.web;

import dev.baton.webapp.BatonTest;
import org.junit.jupiter.api.Test;

/** The headers every response carries, and the public health endpoint. */
class PagesSecurityTest extends BatonTest {

    @Test
    void pagesCarryTheSecurityHeadersAndAContentSecurityPolicy() {
        http.get().uri("/login")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueMatches("Cache-Control", ".*no-store.*")
                .expectHeader().valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectHeader().valueMatches("Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; .*object-src 'none'; frame-ancestors 'none'.*");
        http.get().uri("/api/v1/me")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().exists("Content-Security-Policy");
    }

    @Test
    void healthIsPublicAndSaysUpWhenDatabaseAndObjectStoreAnswer() {
        http.get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist();
        http.get().uri("/actuator/health").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.objectStore.status").isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreForAdmins() {
        http.get().uri("/actuator/prometheus").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("jvm_memory_used_bytes"));
    }
}
