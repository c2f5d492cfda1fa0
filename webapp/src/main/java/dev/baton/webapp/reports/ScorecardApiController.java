package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The joint scorecard over HTTP: everyone signed in reads it (JSON, or CSV with {@code format=csv}); admins change
 * a figure's definition.
 */
@RestController
class ScorecardApiController {

    private final ScorecardReport report;
    private final ScorecardDefinitions definitions;

    ScorecardApiController(ScorecardReport report, ScorecardDefinitions definitions) {
        this.report = report;
        this.definitions = definitions;
    }

    /** A figure's new definition. */
    record DefinitionChange(String definition) {}

    @Operation(summary = "The joint scorecard: every figure with its definition, the current period against the "
            + "previous one (period 30, 90 or quarter) and the trend over eight periods; JSON, or CSV with format=csv")
    @GetMapping("/api/v1/reports/scorecard")
    Mono<ResponseEntity<?>> scorecard(@RequestParam(required = false) String period,
            @RequestParam(required = false) String format) {
        boolean csv = ReportLinks.csv(format);
        return report.scorecard(period).<ResponseEntity<?>>map(s -> csv ? ScorecardCsv.of(s)
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(s));
    }

    @Operation(summary = "Change a scorecard figure's written definition (admins; audited)")
    @PutMapping(path = "/api/v1/reports/scorecard/definitions/{key}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ScorecardDefinitions.Definition> define(@PathVariable String key, @RequestBody DefinitionChange change,
            @AuthenticationPrincipal BatonUser user, ServerHttpRequest request) {
        if (user.role() != Role.ADMIN) {
            return Mono.error(new BatonException.Forbidden("Only admins change the scorecard's definitions"));
        }
        String remote = request.getRemoteAddress() == null ? null
                : request.getRemoteAddress().getAddress().getHostAddress();
        return Detached.uncancellable(definitions.change(key, change == null ? null : change.definition(),
                user.getUsername(), remote));
    }
}
