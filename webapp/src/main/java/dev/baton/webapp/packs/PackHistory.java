package dev.baton.webapp.packs;

import dev.baton.webapp.system.BatonException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Packs as they were: a published pack with people's progress in it, imported in one transaction at the times given
 * (the demo's packs). For importing history only: nobody is notified and nothing is audited.
 */
@Component
public class PackHistory {

    /**
     * A pack's content: its items in order and an optional quiz (no questions: none), for everyone with a role. The
     * stage is a value of the taxonomy's buyer stage facet, the product one of its product facet (a key or a label).
     */
    public record PastPack(String title, String goal, String stage, String product, String launch, LocalDate dueOn,
            List<String> roles, List<PastItem> items, int passMark, List<PastQuestion> questions) {}

    /** An item: an asset (by id), a Markdown note (a title and text) or a link (a title and address). */
    public record PastItem(UUID assetId, String title, String markdown, String url, boolean mustRead, String note,
            boolean buyerFacing) {

        /** An item that is not buyer-facing. */
        public PastItem(UUID assetId, String title, String markdown, String url, boolean mustRead, String note) {
            this(assetId, title, markdown, url, mustRead, note, false);
        }
    }

    /** A multiple-choice question and the index of its right choice. */
    public record PastQuestion(String text, List<String> choices, int correct) {}

    /**
     * What one person did, at {@code at}: opened (and acknowledged) the first {@code itemsDone} items, and took the
     * quiz ({@code quizAnswers}: the chosen index per question in order; {@code null}: never took it).
     */
    public record PastProgress(long accountId, int itemsDone, List<Integer> quizAnswers, Instant at) {}

    private final PackRepository packs;
    private final PackService service;
    private final PackValues values;
    private final TransactionalOperator tx;

    PackHistory(PackRepository packs, PackService service, PackValues values, TransactionalOperator tx) {
        this.packs = packs;
        this.service = service;
        this.values = values;
        this.tx = tx;
    }

    /** Imports a pack published as version 1 by {@code trainerId} at {@code publishedAt}, with progress; its id. */
    public Mono<Long> importPast(PastPack pack, long trainerId, Instant publishedAt, List<PastProgress> progress) {
        return Mono.defer(() -> {
            List<PackContent.Item> items = new ArrayList<>();
            for (PastItem i : pack.items()) {
                PackContent.Kind kind = i.assetId() != null ? PackContent.Kind.ASSET
                        : i.url() != null ? PackContent.Kind.LINK : PackContent.Kind.NOTE;
                items.add(new PackContent.Item(null, kind, i.assetId(), i.url(), i.title(), i.markdown(), i.mustRead(),
                        i.note(), null, i.buyerFacing()));
            }
            PackContent.Quiz quiz = pack.questions().isEmpty() ? null : new PackContent.Quiz(pack.passMark(),
                    pack.questions().stream().map(q -> new PackContent.Question(null, q.text(), q.choices(),
                            q.correct())).toList(), null);
            PackContent checked = new PackContent(pack.title(), pack.goal(), pack.stage(), pack.product(),
                    pack.launch(), pack.dueOn(), new PackContent.Audience(pack.roles(), List.of(), List.of()), items,
                    quiz).checked();
            if (checked.items().stream().anyMatch(i -> i.kind() == PackContent.Kind.ASSET && i.title() == null)) {
                return Mono.error(new BatonException.InvalidInput("items", "give every asset item a title"));
            }
            return values.resolved(PackService.revised(checked, null, 1)).flatMap(frozen -> packs.insert(
                            frozen.title(), service.write(frozen), trainerId, publishedAt)
                    .flatMap(id -> packs.publish(id, 1, frozen.title(), service.write(frozen), trainerId, publishedAt)
                            .thenMany(Flux.fromIterable(progress).concatMap(p -> progress(id, frozen, p)))
                            .then(Mono.just(id)))
                    .as(tx::transactional));
        });
    }

    private Mono<Void> progress(long id, PackContent c, PastProgress p) {
        Mono<Void> read = packs.read(id, p.accountId(), 1, p.at()).then();
        Mono<Void> items = Flux.fromIterable(c.items().subList(0, Math.min(p.itemsDone(), c.items().size())))
                .concatMap(item -> packs.open(id, p.accountId(), item.key(), 1, p.at())
                        .then(item.mustRead() ? packs.acknowledge(id, p.accountId(), item.key(), 1, p.at()).then()
                                : Mono.<Void>empty()))
                .then();
        Mono<Void> quiz = Mono.empty();
        if (p.quizAnswers() != null && c.hasQuiz()) {
            Map<String, Boolean> answers = new LinkedHashMap<>();
            int right = 0;
            for (int q = 0; q < c.quiz().questions().size(); q++) {
                PackContent.Question question = c.quiz().questions().get(q);
                boolean ok = q < p.quizAnswers().size() && question.correct().equals(p.quizAnswers().get(q));
                answers.put(question.key(), ok);
                right += ok ? 1 : 0;
            }
            int total = c.quiz().questions().size();
            int score = right * 100 / total;
            quiz = packs.insertAttempt(id, p.accountId(), 1, right, total, score, score >= c.quiz().passMark(),
                    service.writeAnswers(answers), p.at()).then();
        }
        return read.then(items).then(quiz);
    }
}
