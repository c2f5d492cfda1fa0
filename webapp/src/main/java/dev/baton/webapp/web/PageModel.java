package dev.baton.webapp.web;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What every page's layout needs: the CSRF token, the signed-in user and the navigation for their role. */
@ControllerAdvice(basePackages = "dev.baton.webapp")
class PageModel {

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }

    @ModelAttribute("currentUser")
    BatonUser currentUser(@AuthenticationPrincipal BatonUser user) {
        return user;
    }

    @ModelAttribute("navigation")
    List<NavItem> navigation(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        List<NavItem> items = new ArrayList<>();
        if (user == null) {
            return items;
        }
        String path = exchange.getRequest().getPath().value();
        // an asset opened from the search results belongs to the search, not to the library
        boolean fromSearch = ResultsLink.of(exchange).isPresent();
        if (user.role() == Role.REVIEWER) {
            // a reviewer reaches only the queue, what it links to and the glossary
            items.add(new NavItem("Review queue", Role.REVIEWER.home(), path.startsWith("/reviews")));
            items.add(new NavItem("Glossary", "/glossary", path.equals("/glossary")));
            return items;
        }
        for (Role role : List.of(Role.REP, Role.MARKETER, Role.TRAINER, Role.ADMIN)) {
            if (user.role().includes().contains(role)) {
                String label = switch (role) {
                    case REP -> "Find content";
                    case MARKETER -> "Marketing";
                    case TRAINER -> "Training";
                    case ADMIN -> "Admin";
                    case REVIEWER -> "Review queue";
                };
                items.add(new NavItem(label, role.home(), path.equals(role.home())
                        || role == Role.REP && (path.startsWith("/search") || fromSearch)
                        || role == Role.ADMIN && path.startsWith("/admin/")
                        || role == Role.TRAINER && path.startsWith("/training/")));
            }
        }
        items.add(new NavItem("Library", "/library", path.equals("/library") || path.startsWith("/assets/") && !fromSearch));
        items.add(new NavItem("Deals", "/deals", path.equals("/deals") || path.startsWith("/deals/")));
        items.add(new NavItem("Reports", "/reports", path.equals("/reports") || path.startsWith("/reports/")));
        if (user.canManageContent()) {
            items.add(new NavItem("Import", "/imports", path.startsWith("/imports")));
            items.add(new NavItem("Requests", "/requests",
                    path.startsWith("/requests") && !path.equals("/requests/mine")));
            items.add(new NavItem("Inbox", "/inbox", path.startsWith("/inbox")));
            items.add(new NavItem("Reviews", "/reviews", path.startsWith("/reviews")));
        } else {
            items.add(new NavItem("My requests", "/requests/mine", path.equals("/requests/mine")));
        }
        items.add(new NavItem("My links", "/shares", path.startsWith("/shares")));
        items.add(new NavItem("My packs", "/packs", path.equals("/packs") || path.startsWith("/packs/")));
        items.add(new NavItem("Glossary", "/glossary", path.equals("/glossary")));
        return items;
    }

    /**
     * The search results an asset page was opened from (its "Back to results" link); none elsewhere. A Mono, since a
     * model attribute method answering null leaves the whole model (the CSRF token too) unfilled.
     */
    @ModelAttribute("resultsLink")
    Mono<String> resultsLink(ServerWebExchange exchange) {
        return Mono.justOrEmpty(ResultsLink.of(exchange));
    }

    /**
     * The admin pages, as a second row of links under the main navigation on the admin home and every admin page
     * (in the main row they made it wrap onto two lines on a laptop's screen); empty elsewhere and for others.
     */
    @ModelAttribute("adminNavigation")
    List<NavItem> adminNavigation(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        if (user == null || user.role() != Role.ADMIN || !(path.equals("/admin") || path.startsWith("/admin/"))) {
            return List.of();
        }
        return List.of(
                new NavItem("Users", "/admin/users", path.startsWith("/admin/users")),
                new NavItem("Teams", "/admin/teams", path.startsWith("/admin/teams")),
                new NavItem("Taxonomy", "/admin/taxonomy", path.startsWith("/admin/taxonomy")),
                new NavItem("API tokens", "/admin/tokens", path.startsWith("/admin/tokens")),
                new NavItem("Audit log", "/admin/audit", path.startsWith("/admin/audit")),
                new NavItem("Search index", "/admin/search", path.startsWith("/admin/search")),
                new NavItem("Text unavailable", "/admin/derived", path.startsWith("/admin/derived")),
                new NavItem("Webhooks", "/admin/webhooks", path.startsWith("/admin/webhooks")),
                new NavItem("CRM", "/admin/crm", path.startsWith("/admin/crm")));
    }

    /** One link of the main navigation. */
    record NavItem(String label, String href, boolean current) {}
}
