package dev.baton.webapp.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** X-Forwarded-For is believed from the proxies an admin named, and from nobody else. */
class TrustedProxyFilterTest {

    private static String clientSeen(List<String> trusted, String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/admin/audit")
                .remoteAddress(new InetSocketAddress(address(peer), 40000));
        for (String header : forwardedFor) {
            request.header("X-Forwarded-For", header);
        }
        AtomicReference<String> seen = new AtomicReference<>();
        new TrustedProxyFilter(new TrustedProxies(trusted))
                .filter(MockServerWebExchange.from(request), exchange -> {
                    seen.set(AuditAddresses.of(exchange));
                    return Mono.empty();
                })
                .block();
        return seen.get();
    }

    private static InetAddress address(String literal) {
        return AuditAddresses.parse(literal);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(clientSeen(List.of(), "198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotClaimAnotherAddress() {
        assertThat(clientSeen(List.of("10.0.0.0/8"), "198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
    }

    @Test
    void behindATrustedProxyTheClientIsTheAddressTheProxyAdded() {
        assertThat(clientSeen(List.of("10.0.0.0/8"), "10.1.2.3", "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(clientSeen(List.of("::1"), "0:0:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:7"))
                .isEqualTo("2001:db8::7");
    }

    @Test
    void whatTheClientWroteItselfLeftOfTheProxiesProvesNothing() {
        // the client sent "X-Forwarded-For: 1.1.1.1"; the outer proxy appended the client, the inner one the outer
        assertThat(clientSeen(List.of("10.0.0.0/8"), "10.0.0.2", "1.1.1.1, 203.0.113.9, 10.0.0.1"))
                .isEqualTo("203.0.113.9");
        assertThat(clientSeen(List.of("10.0.0.0/8"), "10.0.0.2", "1.1.1.1", "203.0.113.9:51234"))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void aHeaderWithNoAddressLeavesTheProxyAsTheClient() {
        assertThat(clientSeen(List.of("10.0.0.0/8"), "10.0.0.2", "unknown")).isEqualTo("10.0.0.2");
        assertThat(clientSeen(List.of("10.0.0.0/8"), "10.0.0.2")).isEqualTo("10.0.0.2");
    }

    @Test
    void aMistypedRangeStopsTheStartWithAMessage() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33")))
                .hasMessageContaining("'10.0.0.0/33' is neither an IP address nor a CIDR range");
    }
}
