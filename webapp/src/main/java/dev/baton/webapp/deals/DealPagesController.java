package dev.baton.webapp.deals;

import static dev.baton.webapp.deals.DealApiController.address;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.AssetSummary;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.search.AssetSuggestions;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import dev.baton.webapp.taxonomy.Facets;
import dev.baton.webapp.usage.UsageService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deal pages: the list (a rep's own deals; marketers and admins all, with filters), the form to create or edit
 * a deal, a deal with its stage history, the assets used for it, suggestions and what was shared in won deals like
 * it, and the CSV import. Form posts answer 303 with a flash message; refused values are shown by their fields.
 */
@Controller
class DealPagesController {

    static final String FLASH = "dealFlash";
    private static final int PAGE_SIZE = 25;
    private static final int SUGGESTIONS = 6;
    private static final int WON_SHARED = 5;

    private final DealService deals;
    private final DealImport imports;
    private final AccountDirectory accounts;
    private final UsageService usage;
    private final ContentService content;
    private final AssetSuggestions suggestions;

    DealPagesController(DealService deals, DealImport imports, AccountDirectory accounts, UsageService usage,
            ContentService content, AssetSuggestions suggestions) {
        this.deals = deals;
        this.imports = imports;
        this.accounts = accounts;
        this.usage = usage;
        this.content = content;
        this.suggestions = suggestions;
    }

    @GetMapping("/deals")
    Mono<String> list(@RequestParam(required = false) String owner, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String stage, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange, Model model) {
        DealService.DealQuery query = new DealService.DealQuery(owner, outcome, stage, q, Math.max(0, page),
                PAGE_SIZE);
        model.addAttribute("manager", user.canManageContent());
        model.addAttribute("query", query);
        return Mono.zip(deals.list(user, query)
                                .onErrorResume(BatonException.InvalidInput.class, e -> {
                                    model.addAttribute("problem", e.getMessage());
                                    return deals.list(user, new DealService.DealQuery(null, null, null, null, 0,
                                            PAGE_SIZE));
                                }),
                        deals.rules(), flash(exchange))
                .map(t -> {
                    DealService.DealPage found = t.getT1();
                    model.addAttribute("deals", found);
                    model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
                    model.addAttribute("rules", t.getT2());
                    model.addAttribute("flash", t.getT3().orElse(null));
                    return "deals/list";
                });
    }

    @GetMapping("/deals/new")
    Mono<String> newDeal(@AuthenticationPrincipal BatonUser user, Model model) {
        return formPage(null, DealForm.empty(user.getUsername()), Map.of(), user, model);
    }

    /** A deal made by hand: CRM {@code baton}, with an external id of its own. */
    @PostMapping("/deals")
    Mono<String> create(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(data -> {
            DealForm form = formFor(DealForm.of(data), user);
            DealInput input = form.input(DealService.BATON_CRM, DealService.newExternalId());
            return Detached.uncancellable(deals.upsert(input, DealService.Actor.of(user, address(exchange))))
                    .flatMap(done -> redirect(exchange, "/deals/" + done.deal().id(),
                            Flash.ok("Created the deal \u201c" + done.deal().name() + "\u201d")))
                    .onErrorResume(BatonException.InvalidInput.class, e -> {
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return formPage(null, form, fieldErrors(e), user, model);
                    });
        });
    }

    @GetMapping("/deals/{id}/edit")
    Mono<String> edit(@PathVariable long id, @AuthenticationPrincipal BatonUser user, Model model) {
        return deals.get(id, user).flatMap(deal -> ownerName(deal)
                .flatMap(owner -> formPage(deal, DealForm.of(deal, owner.orElse("")), Map.of(), user, model)));
    }

    @PostMapping("/deals/{id}/edit")
    Mono<String> save(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange,
            Model model) {
        return deals.get(id, user).flatMap(deal -> exchange.getFormData().flatMap(data -> {
            DealForm form = formFor(DealForm.of(data), user);
            return Detached.uncancellable(deals.upsert(form.input(deal.crm(), deal.externalId()),
                            DealService.Actor.of(user, address(exchange))))
                    .flatMap(done -> redirect(exchange, "/deals/" + id, Flash.ok(done.changed()
                            ? "Saved the changes" : "Nothing changed")))
                    .onErrorResume(BatonException.InvalidInput.class, e -> {
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return formPage(deal, form, fieldErrors(e), user, model);
                    });
        }));
    }

    /** A rep's form always names the rep as owner (the field is not offered to them). */
    private static DealForm formFor(DealForm form, BatonUser user) {
        if (user.canManageContent()) {
            return form;
        }
        return new DealForm(form.name(), form.accountName(), form.accountDomain(), form.stage(), form.amount(),
                form.currency(), user.getUsername(), form.closeDate(), form.outcome(), form.industry(),
                form.personas());
    }

    private Mono<String> formPage(Deal deal, DealForm form, Map<String, String> errors, BatonUser user,
            Model model) {
        return deals.rules().map(rules -> {
            model.addAttribute("deal", deal);
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            model.addAttribute("rules", rules);
            model.addAttribute("manager", user.canManageContent());
            model.addAttribute("stageFacets", DealRules.STAGE_FACETS);
            return "deals/form";
        });
    }

    private Mono<Optional<String>> ownerName(Deal deal) {
        return deal.ownerId() == null ? Mono.just(Optional.empty())
                : accounts.person(deal.ownerId()).map(p -> Optional.of(p.username())).defaultIfEmpty(Optional.empty());
    }

    /** An asset used for the deal, with how and how often. */
    record UsedAsset(String id, String title, String action, long count, Instant lastAt) {}

    /** An asset shared in won deals like this one, and how often. */
    record SharedAsset(String id, String title, long shares) {}

    /** One entry of the stage history. */
    record StageEntry(String facet, String label, Instant at) {}

    @GetMapping("/deals/{id}")
    Mono<String> deal(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange,
            Model model) {
        return deals.get(id, user).flatMap(deal -> Mono.zip(deals.view(deal), deals.rules(), deals.history(id),
                        used(deal, user), suggested(deal), sharedInWonDealsLike(deal, user), flash(exchange))
                .map(t -> {
                    DealRules rules = t.getT2();
                    model.addAttribute("deal", t.getT1());
                    model.addAttribute("rules", rules);
                    model.addAttribute("stageLabel", rules.label(deal.stageFacet(), deal.stage()));
                    model.addAttribute("industryLabel", rules.label(Facets.INDUSTRY, deal.industry()));
                    model.addAttribute("personaLabels", deal.personas().stream()
                            .map(p -> rules.label(Facets.PERSONA, p)).toList());
                    model.addAttribute("history", t.getT3().stream()
                            .map(c -> new StageEntry(c.stageFacet(), c.stage() == null ? "No stage"
                                    : rules.label(c.stageFacet(), c.stage()), c.changedAt()))
                            .toList());
                    model.addAttribute("used", t.getT4());
                    model.addAttribute("suggestions", t.getT5());
                    model.addAttribute("wonShared", t.getT6());
                    model.addAttribute("flash", t.getT7().orElse(null));
                    model.addAttribute("canEdit", true);
                    return "deals/deal";
                }));
    }

    private Mono<List<UsedAsset>> used(Deal deal, BatonUser user) {
        return usage.usesForDeal(deal.id())
                .flatMapMany(Flux::fromIterable)
                .concatMap(use -> title(use.assetId(), user).map(title -> new UsedAsset(use.assetId().toString(),
                        title, use.action().name().toLowerCase(Locale.ROOT).replace('_', ' '), use.count(),
                        use.lastAt())))
                .take(50)
                .collectList();
    }

    private Mono<List<AssetSuggestions.Suggestion>> suggested(Deal deal) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (deal.stage() != null) {
            filters.put(deal.stageFacet(), List.of(deal.stage()));
        }
        if (deal.industry() != null) {
            filters.put(Facets.INDUSTRY, List.of(deal.industry()));
        }
        if (!deal.personas().isEmpty()) {
            filters.put(Facets.PERSONA, deal.personas());
        }
        if (filters.isEmpty()) {
            return Mono.just(List.of());
        }
        return suggestions.fitting(filters, SUGGESTIONS);
    }

    private Mono<List<SharedAsset>> sharedInWonDealsLike(Deal deal, BatonUser user) {
        return deals.wonDealsLike(deal)
                .flatMap(ids -> usage.countsForDeals(ids, UsageService.Action.SHARE))
                .flatMapMany(counts -> Flux.fromIterable(counts.entrySet().stream()
                        .sorted(Map.Entry.<UUID, Long>comparingByValue().reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .toList()))
                .concatMap(entry -> title(entry.getKey(), user)
                        .map(title -> new SharedAsset(entry.getKey().toString(), title, entry.getValue())))
                .take(WON_SHARED)
                .collectList();
    }

    /** An asset's title if this user may see it; nothing otherwise (a rep does not see drafts or archived ones). */
    private Mono<String> title(UUID assetId, BatonUser user) {
        return content.get(assetId, user).map(AssetSummary::title)
                .onErrorResume(BatonException.class, e -> Mono.empty());
    }

    // ------------------------------------------------------------------------------------------------- import

    @GetMapping("/deals/import")
    Mono<String> importPage(Model model) {
        model.addAttribute("report", null);
        model.addAttribute("crm", "");
        return Mono.just("deals/import");
    }

    /**
     * A CSV uploaded from the import page (htmx sends it with the CSRF header; Baton never reads the token from a
     * multipart body): the report shows what was applied and each bad row's line.
     */
    @PostMapping("/deals/import")
    Mono<String> importCsv(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange, Model model) {
        return exchange.getMultipartData().flatMap(parts -> {
            Part file = parts.getFirst("file");
            Part crmPart = parts.getFirst("crm");
            String crm = crmPart instanceof FormFieldPart field ? field.value() : "";
            model.addAttribute("crm", crm);
            if (!(file instanceof FilePart filePart)) {
                model.addAttribute("problem", "Choose a CSV file to import");
                return Mono.just("deals/import");
            }
            return DealImport.text(filePart.content())
                    .flatMap(text -> Detached.uncancellable(imports.importCsv(text, crm,
                            DealService.Actor.of(user, address(exchange)))))
                    .map(report -> {
                        model.addAttribute("report", report);
                        return "deals/import";
                    })
                    .onErrorResume(BatonException.class, e -> {
                        // the page answers 200 with the problem: htmx swaps only successful answers in
                        model.addAttribute("problem", e.getMessage());
                        return Mono.just("deals/import");
                    });
        });
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    @SuppressWarnings("unchecked")
    static Map<String, String> fieldErrors(BatonException.InvalidInput e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map<String, String> error : (List<Map<String, String>>) e.properties().get("errors")) {
            errors.merge(error.get("field"), error.get("reason"), (a, b) -> a + "; " + b);
        }
        return errors;
    }

    static Mono<Optional<Flash>> flash(ServerWebExchange exchange) {
        return exchange.getSession().map(session -> Optional.ofNullable((Flash) session.getAttributes().remove(FLASH)));
    }

    static Mono<String> redirect(ServerWebExchange exchange, String target, Flash flash) {
        return exchange.getSession().map(session -> {
            session.getAttributes().put(FLASH, flash);
            return "redirect:" + target;
        });
    }

    /** A message for the next page a user sees, once. */
    record Flash(String message, boolean error) {

        static Flash ok(String message) {
            return new Flash(message, false);
        }

        static Flash error(String message) {
            return new Flash(message, true);
        }
    }
}
