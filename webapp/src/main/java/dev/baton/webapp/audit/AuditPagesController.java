package dev.baton.webapp.audit;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/** The admin's audit log page: filters by who, what and when, fifty entries a page, names instead of ids. */
@Controller
class AuditPagesController {

    private final AuditLog audit;
    private final AuditNames names;
    private final AccountDirectory accounts;

    AuditPagesController(AuditLog audit, AuditNames names, AccountDirectory accounts) {
        this.audit = audit;
        this.names = names;
        this.accounts = accounts;
    }

    @GetMapping("/admin/audit")
    Mono<String> page(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String before, Model model) {
        Long older = parseBefore(before);
        AuditFilters filters = new AuditFilters(actor, action, from, to, older, AuditFilters.PAGE_SIZE + 1);
        model.addAttribute("filters", filters);
        model.addAttribute("firstPage", older == null);
        model.addAttribute("newestLink", link(filters.parameters(), null));
        Mono<List<AuditRow>> rows;
        try {
            AuditLog.Query query = filters.query();
            rows = audit.find(query).collectList().flatMap(names::name);
        } catch (BatonException.InvalidInput e) {
            model.addAttribute("filterError", e.getMessage());
            rows = Mono.just(List.of());
        }
        return Mono.zip(rows, audit.actions().collectList(), accounts.displayNames()).map(all -> {
            List<AuditRow> found = all.getT1();
            boolean more = found.size() > AuditFilters.PAGE_SIZE;
            List<AuditRow> shown = more ? found.subList(0, AuditFilters.PAGE_SIZE) : found;
            model.addAttribute("entries", shown);
            model.addAttribute("olderLink", more ? link(filters.parameters(), shown.getLast().id()) : null);
            model.addAttribute("actions", all.getT2());
            model.addAttribute("people", new java.util.TreeMap<>(all.getT3()));
            return "admin/audit";
        });
    }

    private static Long parseBefore(String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(before.strip());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String link(Map<String, String> parameters, Long before) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/admin/audit");
        parameters.forEach(uri::queryParam);
        if (before != null) {
            uri.queryParam("before", before);
        }
        return uri.build().encode().toUriString();
    }
}
