package dev.baton.webapp.system;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Behind a trusted reverse proxy ({@link TrustedProxies}), the request's remote address becomes the client's, read
 * from {@code X-Forwarded-For}: from the right, past the trusted proxies, the first address is the client (what is
 * further left was written by the client itself and proves nothing). Runs before security, so the sign-in throttle,
 * the audit log and the buyer's viewer all see the client. A request from anywhere else keeps its connection's
 * address, whatever headers it sends.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TrustedProxyFilter implements WebFilter {

    private final List<TrustedProxies.Range> trusted;

    /** Without the settings (a slice test starts no settings but Baton's own), no proxy is trusted. */
    @org.springframework.beans.factory.annotation.Autowired
    TrustedProxyFilter(ObjectProvider<TrustedProxies> proxies) {
        this(proxies.getIfAvailable(() -> new TrustedProxies(List.of())));
    }

    TrustedProxyFilter(TrustedProxies proxies) {
        this.trusted = proxies.ranges();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (trusted.isEmpty()) {
            return chain.filter(exchange);
        }
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        InetAddress client = client(peer == null ? null : peer.getAddress(),
                exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For"));
        if (client == null || peer == null || client.equals(peer.getAddress())) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest().mutate()
                .remoteAddress(new InetSocketAddress(client, peer.getPort()))
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    /** The client's address, or the peer's when it is not a trusted proxy or the header names no address. */
    InetAddress client(InetAddress peer, List<String> forwardedFor) {
        if (peer == null || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = AuditAddresses.parse(withoutPort(hops.get(i)));
            if (hop == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        for (TrustedProxies.Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 203.0.113.9:4711} and {@code [2001:db8::1]:4711} without their ports. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
