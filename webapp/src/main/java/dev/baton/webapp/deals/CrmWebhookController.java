package dev.baton.webapp.deals;

import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The inbound CRM webhook. No session or token: the signature is the authentication (the security configuration
 * lets the path through; {@link CrmIntegrations} refuses what the signature does not vouch for).
 */
@RestController
class CrmWebhookController {

    static final String DELIVERY = "X-Baton-Delivery";
    static final String TIMESTAMP = "X-Baton-Timestamp";
    static final String SIGNATURE = "X-Baton-Signature";

    private final CrmIntegrations integrations;

    CrmWebhookController(CrmIntegrations integrations) {
        this.integrations = integrations;
    }

    /** What the CRM is told. */
    record Answer(String status, Long dealId) {}

    @Operation(summary = "Receive a CRM's opportunity (signed; see docs/crm.md)",
            description = "Headers: X-Baton-Delivery (a unique id; a repeat is acknowledged and ignored), "
                    + "X-Baton-Timestamp (seconds since 1970, within 5 minutes of now) and X-Baton-Signature "
                    + "(sha256=<hex HMAC-SHA256 of '<timestamp>.<body>' with the integration's secret>). "
                    + "401 for a missing or wrong signature or an old timestamp; 400 when the payload is no deal.")
    @PostMapping(path = "/api/v1/crm/{crm}/webhook", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Answer> receive(@Parameter(description = "the integration's CRM name") @PathVariable String crm,
            @RequestHeader(name = DELIVERY, required = false) String deliveryId,
            @RequestHeader(name = TIMESTAMP, required = false) String timestamp,
            @RequestHeader(name = SIGNATURE, required = false) String signature,
            @RequestBody(required = false) String body, ServerWebExchange exchange) {
        return Detached.uncancellable(integrations.receive(crm, deliveryId, timestamp, signature,
                        body == null ? "" : body, DealApiController.address(exchange)))
                .map(delivery -> delivery.duplicate()
                        ? new Answer("duplicate: already received, ignored", null)
                        : new Answer(delivery.created() ? "created" : delivery.changed() ? "updated" : "unchanged",
                                delivery.dealId()));
    }
}
