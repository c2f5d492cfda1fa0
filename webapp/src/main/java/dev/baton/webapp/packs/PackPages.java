package dev.baton.webapp.packs;

import dev.baton.webapp.system.AuditAddresses;
import org.springframework.web.server.ServerWebExchange;

/** Small helpers the pack pages and API share. */
final class PackPages {

    private PackPages() {}

    static String address(ServerWebExchange exchange) {
        return AuditAddresses.of(exchange);
    }
}
