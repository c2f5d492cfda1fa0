package dev.baton.webapp.audit;

import dev.baton.webapp.system.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The audit log over HTTP, for admins (the security configuration says who). */
@RestController
class AuditApiController {

    private final AuditLog audit;
    private final AuditNames names;

    AuditApiController(AuditLog audit, AuditNames names) {
        this.audit = audit;
        this.names = names;
    }

    @GetMapping("/api/v1/audit")
    @Operation(summary = "The audit log, newest first, filtered by actor, action and time; paged with before")
    Mono<List<AuditRow>> audit(@RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") int limit) {
        AuditFilters filters = new AuditFilters(actor, action, from, to, before, Math.clamp(limit, 1, 1000));
        return Mono.fromCallable(filters::query)
                .flatMap(query -> audit.find(query).collectList())
                .flatMap(names::name);
    }
}
