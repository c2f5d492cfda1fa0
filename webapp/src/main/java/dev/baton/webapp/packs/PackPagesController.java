package dev.baton.webapp.packs;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.search.AssetSuggestions;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The pack pages: trainers build, publish, revise and retire packs and follow progress under {@code /training};
 * everyone signed in sees the packs meant for them under {@code /packs}, opens items, acknowledges must-read ones and
 * takes the quiz.
 */
@Controller
class PackPagesController {

    private static final String FLASH = "flash";
    private static final Pattern ASSET_ID = Pattern.compile(
            "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    private final PackService packs;
    private final PackValues values;
    private final AssetSuggestions suggestions;

    PackPagesController(PackService packs, PackValues values, AssetSuggestions suggestions) {
        this.packs = packs;
        this.values = values;
        this.suggestions = suggestions;
    }

    // ---- trainers ----

    @GetMapping("/training")
    Mono<String> training(@RequestParam(required = false) String stage,
            @RequestParam(required = false) String product, Model model, WebSession session) {
        model.addAttribute(FLASH, session.getAttributes().remove(FLASH));
        return values.filter(stage, product).flatMap(filter -> Mono.zip(packs.list(filter).collectList(),
                values.names()).map(t -> {
                    model.addAttribute("packs", t.getT1());
                    filterModel(model, filter, t.getT2());
                    return "packs/training";
                }));
    }

    /** The stage and product filter of a list: what is chosen and the values to choose from. */
    private static void filterModel(Model model, PackValues.Filter filter, PackValues.Names names) {
        model.addAttribute("stage", filter.stage());
        model.addAttribute("product", filter.product());
        model.addAttribute("stages", names.offered(PackValues.STAGE, filter.stage()));
        model.addAttribute("products", names.offered(PackValues.PRODUCT, filter.product()));
        model.addAttribute("filtered", filter.stage() != null || filter.product() != null);
    }

    @PostMapping("/training/packs")
    Mono<String> create(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return form(exchange, (form, session) -> Detached.uncancellable(packs.create(
                        PackContent.named(form.getFirst("title")), user, PackPages.address(exchange)))
                .map(pack -> flash(session, "/training/packs/" + pack.id(), "Created the draft “"
                        + pack.working().title() + "”. Add items, an audience and a due date, then publish it."))
                .onErrorResume(BatonException.class, e -> Mono.just(flash(session, "/training", e.getMessage()))));
    }

    @GetMapping("/training/packs/{id}")
    Mono<String> builder(@PathVariable long id, @RequestParam(required = false) String q, Model model,
            WebSession session) {
        model.addAttribute(FLASH, session.getAttributes().remove(FLASH));
        String query = q == null ? "" : q.strip();
        Mono<List<AssetSuggestions.Suggestion>> found = query.isEmpty() ? Mono.just(List.of())
                : suggestions.matching(query, null, 10);
        // one after the other, the long list of people last: a failure of one part (a missing pack, a search the
        // query syntax refuses) must not cancel a query of the others mid-stream, which can leave its connection
        // unusable (a page of the whole suite once never answered after that)
        return packs.get(id).flatMap(detail -> values.names().flatMap(names -> found.flatMap(hits ->
                packs.audience(detail.working().audience().accountIds()).map(audience ->
                        reactor.util.function.Tuples.of(audience, names, hits)))).map(t -> {
            model.addAttribute("pack", detail);
            model.addAttribute("pc", detail.working());
            model.addAttribute("editing", detail.draft() != null && !detail.retired());
            model.addAttribute("nextVersion", detail.currentVersion() == null ? 1 : detail.currentVersion() + 1);
            model.addAttribute("teams", t.getT1().teams());
            model.addAttribute("people", t.getT1().people());
            model.addAttribute("stages", t.getT2().offered(PackValues.STAGE, detail.working().stage()));
            model.addAttribute("products", t.getT2().offered(PackValues.PRODUCT, detail.working().product()));
            model.addAttribute("roles", Role.values());
            model.addAttribute("q", query);
            model.addAttribute("found", t.getT3());
            model.addAttribute("markdown", new MarkdownView());
            return "packs/builder";
        }));
    }

    /** The details: title, goal, stage, product, launch, due date, audience and the quiz's pass mark. */
    @PostMapping("/training/packs/{id}")
    Mono<String> details(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return edit(id, user, exchange, (c, form) -> {
            LocalDate due = date(form.getFirst("dueOn"));
            PackContent.Audience audience = new PackContent.Audience(form.getOrDefault("role", List.of()),
                    ids(form, "team", "audience.teamIds"), ids(form, "person", "audience.accountIds"));
            PackContent.Quiz quiz = c.quiz();
            String mark = PackContent.strip(form.getFirst("passMark"));
            if (mark != null || quiz != null) {
                quiz = new PackContent.Quiz(mark == null ? null : number(mark, "quiz.passMark"),
                        quiz == null ? List.of() : quiz.questions(), quiz == null ? null : quiz.revision());
            }
            return new PackContent(form.getFirst("title"), form.getFirst("goal"), form.getFirst("stage"),
                    form.getFirst("product"), form.getFirst("launch"), due, audience, c.items(), quiz);
        }, "Saved the details.");
    }

    /** Adds an item: an asset (by id or a library link), a note or a link. */
    @PostMapping("/training/packs/{id}/items")
    Mono<String> addItem(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return edit(id, user, exchange, (c, form) -> {
            String kind = form.getFirst("kind");
            boolean mustRead = form.containsKey("mustRead");
            PackContent.Item item = switch (kind == null ? "" : kind) {
                case "ASSET" -> {
                    String given = form.getFirst("asset");
                    Matcher m = ASSET_ID.matcher(given == null ? "" : given);
                    if (!m.find()) {
                        throw new BatonException.InvalidInput("assetId", "give an asset's id or its library link");
                    }
                    yield new PackContent.Item(null, PackContent.Kind.ASSET, UUID.fromString(m.group(1)), null, null,
                            null, mustRead, form.getFirst("note"), null, form.containsKey("buyerFacing"));
                }
                case "NOTE" -> new PackContent.Item(null, PackContent.Kind.NOTE, null, null, form.getFirst("title"),
                        form.getFirst("body"), mustRead, form.getFirst("note"), null);
                case "LINK" -> new PackContent.Item(null, PackContent.Kind.LINK, null, form.getFirst("url"),
                        form.getFirst("title"), null, mustRead, form.getFirst("note"), null);
                default -> throw new BatonException.InvalidInput("kind", "add an ASSET, a NOTE or a LINK");
            };
            List<PackContent.Item> items = new ArrayList<>(c.items());
            items.add(item);
            return c.withItems(items);
        }, "Added the item.");
    }

    /** Saves an item's title, note, must-read flag (and a note's text or a link's address), or moves or removes it. */
    @PostMapping("/training/packs/{id}/items/{key}")
    Mono<String> item(@PathVariable long id, @PathVariable String key, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return edit(id, user, exchange, (c, form) -> {
            List<PackContent.Item> items = new ArrayList<>(c.items());
            int at = -1;
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).key().equals(key)) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new BatonException.NotFound("The pack has no item " + key + ".");
            }
            PackContent.Item old = items.get(at);
            String action = form.getFirst("action");
            switch (action == null ? "save" : action) {
                case "up" -> {
                    if (at > 0) {
                        items.set(at, items.get(at - 1));
                        items.set(at - 1, old);
                    }
                }
                case "down" -> {
                    if (at < items.size() - 1) {
                        items.set(at, items.get(at + 1));
                        items.set(at + 1, old);
                    }
                }
                case "remove" -> items.remove(at);
                default -> items.set(at, new PackContent.Item(old.key(), old.kind(), old.assetId(),
                        old.kind() == PackContent.Kind.LINK ? form.getFirst("url") : null, form.getFirst("title"),
                        old.kind() == PackContent.Kind.NOTE ? form.getFirst("body") : null,
                        form.containsKey("mustRead"), form.getFirst("note"), old.revision(),
                        old.kind() == PackContent.Kind.ASSET && form.containsKey("buyerFacing")));
            }
            return c.withItems(items);
        }, "Saved the items.");
    }

    /** Adds a multiple-choice question: the text, one choice per line and the number of the right one. */
    @PostMapping("/training/packs/{id}/questions")
    Mono<String> addQuestion(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return edit(id, user, exchange, (c, form) -> {
            String choicesText = form.getFirst("choices");
            List<String> choices = choicesText == null ? List.of()
                    : choicesText.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            String right = PackContent.strip(form.getFirst("correct"));
            Integer correct = right == null ? null : number(right, "quiz.questions.correct") - 1;
            PackContent.Quiz quiz = c.quiz() == null ? new PackContent.Quiz(null, List.of(), null) : c.quiz();
            List<PackContent.Question> questions = new ArrayList<>(quiz.questions());
            questions.add(new PackContent.Question(null, form.getFirst("text"), choices, correct));
            return c.withQuiz(new PackContent.Quiz(quiz.passMark(), questions, quiz.revision()));
        }, "Added the question.");
    }

    @PostMapping("/training/packs/{id}/questions/{key}/remove")
    Mono<String> removeQuestion(@PathVariable long id, @PathVariable String key,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return edit(id, user, exchange, (c, form) -> {
            if (c.quiz() == null) {
                return c;
            }
            List<PackContent.Question> questions = c.quiz().questions().stream()
                    .filter(q -> !q.key().equals(key)).toList();
            return c.withQuiz(questions.isEmpty() ? null
                    : new PackContent.Quiz(c.quiz().passMark(), questions, c.quiz().revision()));
        }, "Removed the question.");
    }

    @PostMapping("/training/packs/{id}/revise")
    Mono<String> revise(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return action(id, exchange, packs.revise(id, user, PackPages.address(exchange)), detail ->
                "Editing the draft of version " + (detail.currentVersion() + 1) + ". Reps keep seeing version "
                        + detail.currentVersion() + " until you publish.");
    }

    @PostMapping("/training/packs/{id}/discard")
    Mono<String> discard(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return action(id, exchange, packs.discardDraft(id, user, PackPages.address(exchange)), detail ->
                "Discarded the draft.");
    }

    @PostMapping("/training/packs/{id}/publish")
    Mono<String> publish(@PathVariable long id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return action(id, exchange, packs.publish(id, user, PackPages.address(exchange)), detail ->
                "Published version " + detail.currentVersion() + ". Its audience has been told.");
    }

    @PostMapping("/training/packs/{id}/retire")
    Mono<String> retire(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return action(id, exchange, packs.retire(id, user, PackPages.address(exchange)), detail ->
                "Retired the pack. Reps no longer see it.");
    }

    @GetMapping("/training/packs/{id}/progress")
    Mono<String> progress(@PathVariable long id, Model model, WebSession session) {
        model.addAttribute(FLASH, session.getAttributes().remove(FLASH));
        return packs.progress(id).map(report -> {
            model.addAttribute("report", report);
            return "packs/progress";
        });
    }

    // ---- the people a pack is for ----

    @GetMapping("/packs")
    Mono<String> mine(@RequestParam(required = false) String stage, @RequestParam(required = false) String product,
            @AuthenticationPrincipal BatonUser user, Model model) {
        return values.filter(stage, product).flatMap(filter -> Mono.zip(packs.mine(user, filter), values.names())
                .map(t -> {
                    model.addAttribute("packs", t.getT1());
                    model.addAttribute("today", packs.today());
                    filterModel(model, filter, t.getT2());
                    return "packs/mine";
                }));
    }

    @GetMapping("/packs/{id}")
    Mono<String> pack(@PathVariable long id, @AuthenticationPrincipal BatonUser user, Model model,
            WebSession session) {
        model.addAttribute(FLASH, session.getAttributes().remove(FLASH));
        model.addAttribute("quizResult", session.getAttributes().remove("quizResult"));
        return packs.open(id, user).map(view -> {
            model.addAttribute("view", view);
            model.addAttribute("pc", view.content());
            model.addAttribute("markdown", new MarkdownView());
            return "packs/pack";
        });
    }

    @GetMapping("/packs/{id}/items/{key}")
    Mono<String> openItem(@PathVariable long id, @PathVariable String key, @AuthenticationPrincipal BatonUser user,
            Model model, WebSession session) {
        model.addAttribute(FLASH, session.getAttributes().remove(FLASH));
        return Detached.uncancellable(packs.openItem(id, key, user)).flatMap(item -> packs.open(id, user)
                .map(view -> {
                    model.addAttribute("view", view);
                    model.addAttribute("item", item);
                    model.addAttribute("state", view.progress().itemStates().get(item.key()));
                    model.addAttribute("html", Markdown.html(item.body()));
                    return "packs/item";
                }));
    }

    @PostMapping("/packs/{id}/items/{key}/acknowledge")
    Mono<String> acknowledge(@PathVariable long id, @PathVariable String key, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> Detached.uncancellable(packs.acknowledge(id, key, user))
                .map(item -> flash(session, "/packs/" + id, "Acknowledged “" + item.title() + "”."))
                .onErrorResume(BatonException.class, e -> Mono.just(flash(session, "/packs/" + id,
                        e.getMessage()))));
    }

    @PostMapping("/packs/{id}/quiz")
    Mono<String> quiz(@PathVariable long id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return form(exchange, (form, session) -> {
            Map<String, Integer> answers = new LinkedHashMap<>();
            form.forEach((name, values) -> {
                if (name.startsWith("q-") && !values.isEmpty()) {
                    try {
                        answers.put(name.substring(2), Integer.valueOf(values.getFirst()));
                    } catch (NumberFormatException e) {
                        answers.put(name.substring(2), -1);
                    }
                }
            });
            return Detached.uncancellable(packs.takeQuiz(id, answers, user))
                    .map(result -> {
                        session.getAttributes().put("quizResult", result);
                        return flash(session, "/packs/" + id + "#quiz", result.passed()
                                ? "Passed: " + result.correct() + " of " + result.total() + " right (" + result.score()
                                        + "%, the pass mark is " + result.passMark() + "%)."
                                : "Not passed yet: " + result.correct() + " of " + result.total() + " right ("
                                        + result.score() + "%, the pass mark is " + result.passMark()
                                        + "%). Try again.");
                    })
                    .onErrorResume(BatonException.class, e -> Mono.just(flash(session, "/packs/" + id + "#quiz",
                            e.getMessage())));
        });
    }

    // ---- helpers ----

    /** Renders Markdown for templates ({@code ${markdown.html(text)}}, shown with th:utext). */
    static final class MarkdownView {
        public String html(String markdown) {
            return Markdown.html(markdown);
        }
    }

    private interface Change {
        PackContent apply(PackContent content, MultiValueMap<String, String> form);
    }

    private interface FormHandler {
        Mono<String> handle(MultiValueMap<String, String> form, WebSession session);
    }

    private static Mono<String> form(ServerWebExchange exchange, FormHandler handler) {
        return exchange.getFormData().zipWith(exchange.getSession())
                .flatMap(t -> handler.handle(t.getT1(), t.getT2()));
    }

    /** Changes the draft (of a published pack: the draft of its next version) and shows the builder again. */
    private Mono<String> edit(long id, BatonUser user, ServerWebExchange exchange, Change change, String done) {
        String page = "/training/packs/" + id;
        return form(exchange, (form, session) -> packs.get(id)
                .flatMap(detail -> {
                    if (detail.retired()) {
                        return Mono.error(new BatonException.Conflict("The pack is retired: it can no longer change"));
                    }
                    if (detail.draft() == null) {
                        return Mono.error(new BatonException.Conflict("Choose “Edit” to start a draft of version "
                                + (detail.currentVersion() + 1) + " first"));
                    }
                    return Detached.uncancellable(packs.saveDraft(id, change.apply(detail.draft(), form), user,
                            PackPages.address(exchange)));
                })
                .map(detail -> flash(session, page, done))
                .onErrorResume(BatonException.class, e -> Mono.just(flash(session, page, e.getMessage()))));
    }

    private Mono<String> action(long id, ServerWebExchange exchange, Mono<PackService.Detail> call,
            java.util.function.Function<PackService.Detail, String> message) {
        String page = "/training/packs/" + id;
        return exchange.getSession().flatMap(session -> Detached.uncancellable(call)
                .map(detail -> flash(session, page, message.apply(detail)))
                .onErrorResume(BatonException.class, e -> Mono.just(flash(session, page, e.getMessage()))));
    }

    private static String flash(WebSession session, String target, String message) {
        session.getAttributes().put(FLASH, message);
        return "redirect:" + target;
    }

    private static LocalDate date(String value) {
        String v = PackContent.strip(value);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BatonException.InvalidInput("dueOn", "give a date as YYYY-MM-DD");
        }
    }

    private static int number(String value, String field) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BatonException.InvalidInput(field, "give a whole number");
        }
    }

    private static List<Long> ids(MultiValueMap<String, String> form, String name, String field) {
        try {
            return form.getOrDefault(name, List.of()).stream().map(String::strip).map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new BatonException.InvalidInput(field, "choose from the list");
        }
    }
}
