package dev.baton.webapp.deals;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deals over HTTP: the idempotent upsert a CRM sync calls, the list, one deal and a CSV import. */
@RestController
class DealApiController {

    private final DealService deals;
    private final DealImport imports;

    DealApiController(DealService deals, DealImport imports) {
        this.deals = deals;
        this.imports = imports;
    }

    @Operation(summary = "Create or update the deal with this CRM identity (idempotent)",
            description = "The body is the whole deal: name, accountName, accountDomain (a domain, URL or email), "
                    + "stage (a buyer or funnel stage, key or label), stageFacet, amount, currency (ISO 4217), "
                    + "owner (a user name; a rep may leave it out or give their own), closeDate (yyyy-MM-dd), "
                    + "outcome (open, won, lost), industry, personas. 201 when created, 200 when it existed; the "
                    + "same body twice changes nothing. Reps may upsert only their own deals.")
    @PutMapping(path = "/api/v1/deals/{crm}/{externalId}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<DealService.DealView>> upsert(
            @Parameter(description = "the CRM's name, e.g. salesforce") @PathVariable String crm,
            @Parameter(description = "the deal's id in that CRM") @PathVariable String externalId,
            @RequestBody Map<String, Object> body, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        Map<String, String> errors = new LinkedHashMap<>();
        DealInput input = DealInput.fromJson(body, errors);
        if (input.crm() != null && !input.crm().equals(crm)) {
            errors.put("crm", "differs from the path's CRM; leave it out of the body");
        }
        if (input.externalId() != null && !input.externalId().equals(externalId)) {
            errors.put("externalId", "differs from the path's external id; leave it out of the body");
        }
        return Detached.uncancellable(deals.upsert(input.withIdentity(crm, externalId),
                        DealService.Actor.of(user, address(exchange)), errors))
                .flatMap(done -> deals.view(done.deal()).map(view -> done.created()
                        ? ResponseEntity.created(URI.create("/api/v1/deals/" + view.id())).body(view)
                        : ResponseEntity.ok(view)));
    }

    @Operation(summary = "Deals, the latest changed first: a rep's own; marketers and admins all",
            description = "Filters: owner (a user name; marketers and admins), outcome (open, won, lost), stage "
                    + "(key or label), q (in the name, account name or domain). Pages from 0.")
    @GetMapping(path = "/api/v1/deals", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<DealService.DealPage> list(@RequestParam(required = false) String owner,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, @AuthenticationPrincipal BatonUser user) {
        return deals.list(user, new DealService.DealQuery(owner, outcome, stage, q, page, size));
    }

    @Operation(summary = "One deal; a rep gets 404 for another rep's deal")
    @GetMapping(path = "/api/v1/deals/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<DealService.DealView> get(@PathVariable long id, @AuthenticationPrincipal BatonUser user) {
        return deals.get(id, user).flatMap(deals::view);
    }

    @Operation(summary = "Every stage the deal has been in and when it entered it, oldest first")
    @GetMapping(path = "/api/v1/deals/{id}/stages", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<java.util.List<DealService.StageChange>> stages(@PathVariable long id,
            @AuthenticationPrincipal BatonUser user) {
        return deals.get(id, user).flatMap(deal -> deals.history(deal.id()));
    }

    @Operation(summary = "Import deals from CSV (text/csv)",
            description = "A header line names the columns (external_id and name required; crm, or the crm "
                    + "parameter for the whole file). Each row is applied whole or not at all; the answer counts "
                    + "created, updated and unchanged deals and lists each bad row's line and reason.")
    @PostMapping(path = "/api/v1/deals/import", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<DealImport.Report> importCsv(@RequestBody Flux<DataBuffer> body,
            @RequestParam(required = false) String crm, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return DealImport.text(body).flatMap(text -> Detached.uncancellable(imports.importCsv(text, crm,
                DealService.Actor.of(user, address(exchange)))));
    }

    static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
