package dev.baton.webapp.packs;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.accounts.Team;
import dev.baton.webapp.content.AssetVisibility;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.notifications.NotificationKind;
import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.usage.UsageService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enablement packs: trainers write a draft, publish it as an immutable version, revise it (a draft of the next
 * version) and retire it; reps in a pack's audience open its current version, its items, acknowledge must-read ones
 * and take its quiz. What a rep did is kept per item key, so unchanged items stay done in a new version.
 */
@Service
class PackService {

    private final PackRepository packs;
    private final PackValues values;
    private final AccountDirectory accounts;
    private final ContentService content;
    private final UsageService usage;
    private final Notifications notifications;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final JsonMapper json;
    private final Clock clock;

    PackService(PackRepository packs, PackValues values, AccountDirectory accounts, ContentService content,
            UsageService usage, Notifications notifications, AuditLog audit, TransactionalOperator tx, JsonMapper json,
            Clock clock) {
        this.packs = packs;
        this.values = values;
        this.accounts = accounts;
        this.content = content;
        this.usage = usage;
        this.notifications = notifications;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    // ---- what trainers see and do ----

    /** A pack in the trainers' list; its due date, stage and product are the draft's when it has one. */
    record Summary(long id, String title, String status, Integer currentVersion, boolean hasDraft, LocalDate dueOn,
            Instant updatedAt, PackValues.Value stage, PackValues.Value product) {}

    /** A published version in a pack's history. */
    record VersionInfo(int version, Instant publishedAt, String publishedBy) {}

    /**
     * A pack as its trainers see it: the draft (if any), the current version (if any), the versions; the stage and
     * product (key and label) of what the builder edits.
     */
    record Detail(long id, String status, Integer currentVersion, PackContent draft, PackContent current,
            List<VersionInfo> versions, PackValues.Value stage, PackValues.Value product) {

        /** What the builder edits: the draft, or else the current version. */
        PackContent working() {
            return draft != null ? draft : current;
        }

        boolean retired() {
            return status.equals("RETIRED");
        }
    }

    /** Every pack (of this stage and product), most recently changed first. */
    Flux<Summary> list(PackValues.Filter filter) {
        return values.names().flatMapMany(names -> packs.all().flatMapSequential(row -> {
            Mono<PackContent> working = row.draft() != null ? Mono.just(read(row.draft()))
                    : row.currentVersion() == null ? Mono.empty()
                            : packs.version(row.id(), row.currentVersion()).map(v -> read(v.content()));
            return working.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                    .filter(c -> filter.matches(c.orElse(PackContent.named(row.title()))))
                    .map(c -> new Summary(row.id(), row.title(), row.status(), row.currentVersion(),
                            row.draft() != null, c.map(PackContent::dueOn).orElse(null), row.updatedAt(),
                            names.stage(c.orElse(null)), names.product(c.orElse(null))));
        }));
    }

    Mono<Detail> get(long id) {
        return packs.find(id).switchIfEmpty(Mono.error(() -> notFound(id))).flatMap(row -> {
            Mono<PackContent> current = row.currentVersion() == null ? Mono.empty()
                    : packs.version(id, row.currentVersion()).map(v -> read(v.content()));
            Mono<List<VersionInfo>> versions = packs.versions(id).collectList().flatMap(list -> accounts
                    .people(list.stream().map(PackRepository.VersionRow::publishedBy).toList())
                    .map(people -> list.stream().map(v -> new VersionInfo(v.version(), v.publishedAt(),
                            name(people, v.publishedBy()))).toList()));
            return Mono.zip(current.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()), versions,
                            values.names())
                    .map(t -> {
                        PackContent draft = row.draft() == null ? null : read(row.draft());
                        PackContent working = draft != null ? draft : t.getT1().orElse(null);
                        return new Detail(row.id(), row.status(), row.currentVersion(), draft,
                                t.getT1().orElse(null), t.getT2(), t.getT3().stage(working),
                                t.getT3().product(working));
                    });
        });
    }

    /** A published version's content as it was published. */
    Mono<PackContent> version(long id, int version) {
        return packs.version(id, version).map(v -> read(v.content()))
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("Pack " + id + " has no version "
                        + version + ".")));
    }

    /** A new pack, a draft nobody but trainers sees. */
    Mono<Detail> create(PackContent proposed, BatonUser user, String remoteAddr) {
        return Mono.defer(() -> values.resolved(checked(proposed)))
                .flatMap(checked -> createChecked(checked, user, remoteAddr));
    }

    private Mono<Detail> createChecked(PackContent checked, BatonUser user, String remoteAddr) {
        return withAssetTitles(checked, user).flatMap(c -> verify(c).then(Mono.defer(() -> packs.insert(c.title(),
                        write(c), user.id(), clock.instant())))
                .flatMap(id -> audit.record(user.getUsername(), "pack.created", c.title(), "pack=" + id, remoteAddr)
                        .thenReturn(id))
                .as(tx::transactional))
                .flatMap(this::get);
    }

    /**
     * Replaces the draft; for a published pack without a draft this starts the draft of the next version (what reps
     * see does not change until it is published).
     */
    Mono<Detail> saveDraft(long id, PackContent proposed, BatonUser user, String remoteAddr) {
        return Mono.defer(() -> values.resolved(checked(proposed)))
                .flatMap(checked -> saveChecked(id, checked, user, remoteAddr));
    }

    private Mono<Detail> saveChecked(long id, PackContent checked, BatonUser user, String remoteAddr) {
        return withAssetTitles(checked, user).flatMap(c -> verify(c).then(packs.lock(id))
                        .switchIfEmpty(Mono.error(() -> notFound(id)))
                        .flatMap(row -> {
                            if (row.status().equals("RETIRED")) {
                                return Mono.error(retired(id));
                            }
                            return packs.saveDraft(id, row.currentVersion() == null ? c.title() : row.title(),
                                            write(c), clock.instant())
                                    .then(audit.record(user.getUsername(), "pack.draft-saved", c.title(),
                                            "pack=" + id + " next-version=" + next(row), remoteAddr));
                        })
                        .as(tx::transactional))
                .then(Mono.defer(() -> get(id)));
    }

    /** Starts the draft of the next version from the current one (nothing when a draft exists). */
    Mono<Detail> revise(long id, BatonUser user, String remoteAddr) {
        return get(id).flatMap(detail -> {
            if (detail.retired()) {
                return Mono.error(retired(id));
            }
            if (detail.draft() != null || detail.current() == null) {
                return Mono.just(detail);
            }
            return saveDraft(id, detail.current(), user, remoteAddr);
        });
    }

    /** Drops the draft of a published pack (reps keep seeing the current version). */
    Mono<Detail> discardDraft(long id, BatonUser user, String remoteAddr) {
        return packs.lock(id).switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(row -> {
                    if (row.currentVersion() == null) {
                        return Mono.error(new BatonException.Conflict("Pack " + id + " was never published: its "
                                + "draft is all there is"));
                    }
                    return packs.discardDraft(id, clock.instant()).then(audit.record(user.getUsername(),
                            "pack.draft-discarded", row.title(), "pack=" + id, remoteAddr));
                })
                .as(tx::transactional)
                .then(Mono.defer(() -> get(id)));
    }

    /**
     * Publishes the draft as the next version: frozen, with each item's revision (the version it last changed in),
     * then tells the audience.
     */
    Mono<Detail> publish(long id, BatonUser user, String remoteAddr) {
        Instant now = clock.instant();
        return packs.lock(id).switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(row -> {
                    if (row.status().equals("RETIRED")) {
                        return Mono.error(retired(id));
                    }
                    if (row.draft() == null) {
                        return Mono.error(new BatonException.Conflict("Pack " + id + " has no draft to publish: "
                                + "edit it first"));
                    }
                    PackContent draft = read(row.draft());
                    Map<String, String> problems = new LinkedHashMap<>();
                    if (draft.items().isEmpty()) {
                        problems.put("items", "add at least one item before publishing");
                    }
                    if (draft.audience().empty()) {
                        problems.put("audience", "name an audience (roles, teams or people) before publishing");
                    }
                    if (draft.quiz() != null && draft.quiz().questions().isEmpty()) {
                        problems.put("quiz.questions", "add a question to the quiz, or remove the quiz");
                    }
                    if (!problems.isEmpty()) {
                        return Mono.error(new BatonException.InvalidInput(problems));
                    }
                    int version = next(row);
                    Mono<PackContent> previous = row.currentVersion() == null ? Mono.empty()
                            : packs.version(id, row.currentVersion()).map(v -> read(v.content()));
                    return verify(draft).then(previous.map(java.util.Optional::of)
                                    .defaultIfEmpty(java.util.Optional.empty()))
                            .map(prev -> revised(draft, prev.orElse(null), version))
                            .flatMap(frozen -> packs.publish(id, version, frozen.title(), write(frozen), user.id(), now)
                                    .then(audit.record(user.getUsername(), "pack.published", frozen.title(),
                                            "pack=" + id + " version=" + version, remoteAddr))
                                    .thenReturn(new Published(frozen, version)));
                })
                .as(tx::transactional)
                .flatMap(p -> tell(id, p.content(), p.version(), user).thenReturn(id))
                .flatMap(this::get);
    }

    private record Published(PackContent content, int version) {}

    /** Retires a pack: reps no longer see it; its versions and progress stay for the record. */
    Mono<Detail> retire(long id, BatonUser user, String remoteAddr) {
        return packs.lock(id).switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(row -> row.status().equals("RETIRED") ? Mono.<Void>empty()
                        : packs.retire(id, clock.instant()).then(audit.record(user.getUsername(), "pack.retired",
                                row.title(), "pack=" + id, remoteAddr)))
                .as(tx::transactional)
                .then(Mono.defer(() -> get(id)));
    }

    /** The audience of a version, as account ids: everyone with its roles, its teams' members, its people. */
    Mono<Set<Long>> members(PackContent.Audience audience) {
        Mono<Set<Long>> byRole = Flux.fromIterable(audience.roles()).flatMap(this::withExactRole)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Mono<Set<Long>> byTeam = audience.teamIds().isEmpty() ? Mono.just(Set.of())
                : accounts.teams().filter(t -> audience.teamIds().contains(t.id()))
                        .flatMapIterable(Team::memberIds).collect(Collectors.toCollection(LinkedHashSet::new));
        return Mono.zip(byRole, byTeam).map(t -> {
            Set<Long> all = new LinkedHashSet<>(t.getT1());
            all.addAll(t.getT2());
            all.addAll(audience.accountIds());
            return all;
        });
    }

    /** Whether this person is in the audience (their role, a team of theirs, or by name). */
    private Mono<Boolean> inAudience(PackContent.Audience audience, BatonUser user, List<Team.Ref> teams) {
        return Mono.just(audience.roles().contains(user.role().name()) || audience.accountIds().contains(user.id())
                || teams.stream().anyMatch(t -> audience.teamIds().contains(t.id())));
    }

    /** The enabled accounts whose role is exactly this one (a trainer is not a rep for an audience of reps). */
    private Flux<Long> withExactRole(String roleName) {
        Role role = Role.valueOf(roleName);
        List<Role> above = Arrays.stream(Role.values()).filter(r -> r != role && r.includes().contains(role)).toList();
        return Flux.fromIterable(above).flatMap(accounts::activeIdsIncluding).collect(Collectors.toSet())
                .flatMapMany(excluded -> accounts.activeIdsIncluding(role).filter(id -> !excluded.contains(id)));
    }

    private Mono<Void> tell(long id, PackContent frozen, int version, BatonUser publisher) {
        String title = version <= 1 ? "New pack for you: " + frozen.title()
                : "A pack of yours changed: " + frozen.title() + " (version " + version + ")";
        String body = (frozen.goal() == null || frozen.goal().isBlank() ? "" : frozen.goal() + " ")
                + (frozen.dueOn() == null ? "" : "Due " + frozen.dueOn() + ".");
        return members(frozen.audience()).flatMapMany(Flux::fromIterable)
                .filter(accountId -> accountId != publisher.id())
                .concatMap(accountId -> notifications.notify(accountId, NotificationKind.PACK_PUBLISHED, title,
                        body.strip(), "/packs/" + id))
                .then();
    }

    // ---- what reps see and do ----

    /** One of a rep's packs, with their progress. */
    record MyPack(long id, String title, String goal, int version, LocalDate dueOn, Progress progress,
            boolean changedSinceOpened, PackValues.Value stage, PackValues.Value product) {}

    /**
     * A person's progress in a version: items done, must-read items done, the quiz's best score and whether it is
     * passed, complete, overdue; and each item's state by key.
     */
    record Progress(int itemsDone, int items, int mustReadDone, int mustRead, boolean hasQuiz, Integer bestScore,
            boolean quizPassed, int attempts, boolean complete, boolean overdue, boolean opened,
            Map<String, ItemState> itemStates) {

        public int percent() {
            int steps = items + (hasQuiz ? 1 : 0);
            int done = itemsDone + (quizPassed ? 1 : 0);
            return steps == 0 ? 0 : done * 100 / steps;
        }
    }

    /** What a person did with one item of the current version. */
    record ItemState(boolean opened, boolean acknowledged, boolean done) {}

    /** A pack as a rep sees it: the current version (the quiz without its answers), their progress, what changed. */
    record RepView(long id, int version, PackContent content, Progress progress, Integer changedSince,
            List<Change> changes, Instant publishedAt, PackValues.Value stage, PackValues.Value product) {}

    /** A change since the version the rep last opened: ADDED, CHANGED or REMOVED, and what. */
    record Change(String what, String key, String title) {}

    /** The published packs (of this stage and product) whose audience includes this person, most recent first. */
    Mono<List<MyPack>> mine(BatonUser user, PackValues.Filter filter) {
        LocalDate today = today();
        return assigned(user).filter(v -> filter.matches(read(v.content()))).collectList().flatMap(versions -> {
            if (versions.isEmpty()) {
                return Mono.just(List.of());
            }
            List<Long> ids = versions.stream().map(PackRepository.VersionRow::packId).toList();
            return Mono.zip(packs.progressOf(user.id()).collectList(), packs.attemptsOf(user.id(), ids).collectList(),
                            packs.readersOf(user.id()).collectMap(PackRepository.ReaderRow::packId), values.names())
                    .map(t -> versions.stream().map(v -> {
                        PackContent c = read(v.content());
                        PackRepository.ReaderRow reader = t.getT3().get(v.packId());
                        Progress p = progress(c, v.version(), reader != null,
                                t.getT1().stream().filter(r -> r.packId() == v.packId()).toList(),
                                t.getT2().stream().filter(a -> a.packId() == v.packId()).toList(), today);
                        return new MyPack(v.packId(), c.title(), c.goal(), v.version(), c.dueOn(), p,
                                reader != null && reader.seenVersion() < v.version(), t.getT4().stage(c),
                                t.getT4().product(c));
                    }).toList());
        });
    }

    /** The rep's view of a pack they are in the audience of; opening it records the version they saw. */
    Mono<RepView> open(long id, BatonUser user) {
        return assignedVersion(id, user).flatMap(v -> packs.read(id, user.id(), v.version(), clock.instant())
                .flatMap(reader -> Mono.zip(packs.progressOf(user.id()).filter(r -> r.packId() == id).collectList(),
                                packs.attemptsOf(user.id(), List.of(id)).collectList(),
                                reader.previousVersion() == null ? Mono.just(java.util.Optional.<PackContent>empty())
                                        : packs.version(id, reader.previousVersion())
                                                .map(p -> java.util.Optional.of(read(p.content()))),
                                values.names())
                        .map(t -> {
                            PackContent c = read(v.content());
                            Progress p = progress(c, v.version(), true, t.getT1(), t.getT2(), today());
                            List<Change> changes = t.getT3().map(prev -> changes(prev, c)).orElse(List.of());
                            return new RepView(id, v.version(), forReps(c), p, reader.previousVersion(), changes,
                                    v.publishedAt(), t.getT4().stage(c), t.getT4().product(c));
                        })));
    }

    /**
     * Records that the rep opened an item of the current version (an asset's opening is also a usage event carrying
     * the pack); emits the item.
     */
    Mono<PackContent.Item> openItem(long id, String key, BatonUser user) {
        return assignedVersion(id, user).flatMap(v -> {
            PackContent.Item item = item(read(v.content()), key);
            Mono<Void> used = item.kind() == PackContent.Kind.ASSET
                    ? content.states(List.of(item.assetId())).flatMap(states -> {
                        ContentService.AssetState state = states.get(item.assetId());
                        return state == null || !state.visibleTo(user, today()) ? Mono.<Void>empty()
                                : usage.recordInPack(user.id(), item.assetId(), state.currentVersion(), id).then();
                    })
                    : Mono.empty();
            return packs.read(id, user.id(), v.version(), clock.instant())
                    .then(packs.open(id, user.id(), item.key(), v.version(), clock.instant()))
                    .then(used)
                    .thenReturn(item);
        });
    }

    /** Records the rep's acknowledgement of a must-read item they opened. */
    Mono<PackContent.Item> acknowledge(long id, String key, BatonUser user) {
        return assignedVersion(id, user).flatMap(v -> {
            PackContent.Item item = item(read(v.content()), key);
            if (!item.mustRead()) {
                return Mono.error(new BatonException.Conflict("Item " + key + " is not must-read: there is nothing "
                        + "to acknowledge"));
            }
            return packs.progressOf(user.id())
                    .filter(r -> r.packId() == id && r.itemKey().equals(key) && r.openedVersion() >= revision(item))
                    .hasElements()
                    .flatMap(opened -> opened
                            ? packs.acknowledge(id, user.id(), key, v.version(), clock.instant()).thenReturn(item)
                            : Mono.error(new BatonException.Conflict("Open the item “" + item.title()
                                    + "” before acknowledging it")));
        });
    }

    /** The result of a quiz attempt: the score and, per question, whether the answer was right. */
    record QuizResult(int version, int correct, int total, int score, int passMark, boolean passed,
            Map<String, Boolean> answers) {}

    /** Scores a quiz attempt (every question must be answered) and records it. */
    Mono<QuizResult> takeQuiz(long id, Map<String, Integer> answers, BatonUser user) {
        return assignedVersion(id, user).flatMap(v -> {
            PackContent c = read(v.content());
            if (!c.hasQuiz()) {
                return Mono.error(new BatonException.Conflict("Pack " + id + " has no quiz"));
            }
            Map<String, Integer> given = answers == null ? Map.of() : answers;
            Map<String, String> problems = new LinkedHashMap<>();
            Map<String, Boolean> result = new LinkedHashMap<>();
            int right = 0;
            for (PackContent.Question q : c.quiz().questions()) {
                Integer choice = given.get(q.key());
                if (choice == null || choice < 0 || choice >= q.choices().size()) {
                    problems.put("answers." + q.key(), "choose one of the " + q.choices().size() + " answers to “"
                            + q.text() + "”");
                    continue;
                }
                boolean ok = choice.equals(q.correct());
                result.put(q.key(), ok);
                right += ok ? 1 : 0;
            }
            for (String key : given.keySet()) {
                if (c.quiz().questions().stream().noneMatch(q -> q.key().equals(key))) {
                    problems.put("answers." + key, "this quiz has no such question");
                }
            }
            if (!problems.isEmpty()) {
                return Mono.error(new BatonException.InvalidInput(problems));
            }
            int total = c.quiz().questions().size();
            int score = right * 100 / total;
            boolean passed = score >= c.quiz().passMark();
            QuizResult quizResult = new QuizResult(v.version(), right, total, score, c.quiz().passMark(), passed,
                    result);
            return packs.insertAttempt(id, user.id(), v.version(), right, total, score, passed, writeAnswers(result),
                    clock.instant()).thenReturn(quizResult);
        });
    }

    // ---- the trainer's progress view ----

    /** One person's row in the progress view. */
    record RepProgress(long accountId, String name, String teams, Progress progress, Instant lastOpenedAt) {}

    /** One item's row: how many in the audience opened it and have it done. */
    record ItemProgress(String key, String title, String kind, boolean mustRead, int opened, int done) {}

    /** One question's row: how many answered it in their latest attempt and how many of them got it wrong. */
    record QuestionResult(String key, String text, int answered, int missed) {

        /** The share of those who answered it who missed it, in percent (in the API too). */
        @com.fasterxml.jackson.annotation.JsonProperty("missedPercent")
        public int missedPercent() {
            return answered == 0 ? 0 : missed * 100 / answered;
        }
    }

    /** A pack's progress: per person, per item, overdue people and quiz results per question (most missed first). */
    record ProgressReport(long id, String title, int version, LocalDate dueOn, int audience, int completed,
            List<RepProgress> people, List<ItemProgress> items, List<RepProgress> overdue,
            List<QuestionResult> questions, Map<UUID, Long> assetViews) {}

    Mono<ProgressReport> progress(long id) {
        LocalDate today = today();
        return packs.find(id).switchIfEmpty(Mono.error(() -> notFound(id))).flatMap(row -> {
            if (row.currentVersion() == null) {
                return Mono.error(new BatonException.Conflict("Pack " + id + " is not published yet: nobody has "
                        + "progress in it"));
            }
            return packs.version(id, row.currentVersion()).flatMap(v -> {
                PackContent c = read(v.content());
                return Mono.zip(members(c.audience()), packs.progress(id).collectList(),
                                packs.attempts(id).collectList(),
                                packs.readers(id).collectMap(PackRepository.ReaderRow::accountId),
                                usage.viewsInPack(id))
                        .flatMap(t -> {
                            Set<Long> people = new LinkedHashSet<>(t.getT1());
                            // whoever made progress counts too (named before, in a team then, ...)
                            t.getT4().keySet().forEach(people::add);
                            return Mono.zip(accounts.people(people), accounts.teamsOf(people)).map(names -> report(
                                    id, v, c, people, t.getT2(), t.getT3(), t.getT4(), t.getT5(), names.getT1(),
                                    names.getT2(), today));
                        });
            });
        });
    }

    private ProgressReport report(long id, PackRepository.VersionRow v, PackContent c, Set<Long> people,
            List<PackRepository.ProgressRow> progress, List<PackRepository.AttemptRow> attempts,
            Map<Long, PackRepository.ReaderRow> readers, Map<UUID, Long> assetViews, Map<Long, Person> names,
            Map<Long, List<Team.Ref>> teams, LocalDate today) {
        List<RepProgress> rows = new ArrayList<>();
        for (long person : people) {
            Progress p = progress(c, v.version(), readers.containsKey(person),
                    progress.stream().filter(r -> r.accountId() == person).toList(),
                    attempts.stream().filter(a -> a.accountId() == person).toList(), today);
            PackRepository.ReaderRow reader = readers.get(person);
            rows.add(new RepProgress(person, name(names, person), teams.getOrDefault(person, List.of()).stream()
                    .map(Team.Ref::name).collect(Collectors.joining(", ")), p,
                    reader == null ? null : reader.lastOpenedAt()));
        }
        rows.sort(java.util.Comparator.comparing((RepProgress r) -> r.progress().complete())
                .thenComparing(RepProgress::name, String.CASE_INSENSITIVE_ORDER));
        List<ItemProgress> items = c.items().stream().map(item -> {
            int opened = 0;
            int done = 0;
            for (RepProgress r : rows) {
                ItemState s = r.progress().itemStates().get(item.key());
                opened += s != null && s.opened() ? 1 : 0;
                done += s != null && s.done() ? 1 : 0;
            }
            return new ItemProgress(item.key(), item.title(), item.kind().name(), item.mustRead(), opened, done);
        }).toList();
        List<QuestionResult> questions = new ArrayList<>();
        if (c.hasQuiz()) {
            int quizRevision = c.quiz().revision() == null ? v.version() : c.quiz().revision();
            Map<Long, PackRepository.AttemptRow> latest = new HashMap<>();
            for (PackRepository.AttemptRow a : attempts) {
                if (a.version() >= quizRevision) {
                    latest.put(a.accountId(), a);
                }
            }
            Map<String, int[]> counts = new HashMap<>();
            for (PackRepository.AttemptRow a : latest.values()) {
                readAnswers(a.answers()).forEach((key, right) -> {
                    int[] n = counts.computeIfAbsent(key, k -> new int[2]);
                    n[0]++;
                    n[1] += right ? 0 : 1;
                });
            }
            for (PackContent.Question q : c.quiz().questions()) {
                int[] n = counts.getOrDefault(q.key(), new int[2]);
                questions.add(new QuestionResult(q.key(), q.text(), n[0], n[1]));
            }
            questions.sort(java.util.Comparator.comparingInt(QuestionResult::missedPercent).reversed()
                    .thenComparing(java.util.Comparator.comparingInt(QuestionResult::missed).reversed()));
        }
        List<RepProgress> overdue = rows.stream().filter(r -> r.progress().overdue()).toList();
        int completed = (int) rows.stream().filter(r -> r.progress().complete()).count();
        return new ProgressReport(id, c.title(), v.version(), c.dueOn(), people.size(), completed, rows, items,
                overdue, questions, assetViews);
    }

    // ---- rules ----

    /** A person's progress in a version from their item rows and attempts. */
    static Progress progress(PackContent c, int version, boolean opened, List<PackRepository.ProgressRow> rows,
            List<PackRepository.AttemptRow> attempts, LocalDate today) {
        Map<String, PackRepository.ProgressRow> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.itemKey(), r));
        Map<String, ItemState> states = new LinkedHashMap<>();
        int done = 0;
        int mustRead = 0;
        int mustReadDone = 0;
        for (PackContent.Item item : c.items()) {
            PackRepository.ProgressRow r = byKey.get(item.key());
            int since = revision(item);
            boolean itemOpened = r != null && r.openedVersion() >= since;
            boolean acknowledged = itemOpened && r.acknowledgedVersion() != null && r.acknowledgedVersion() >= since;
            boolean itemDone = itemOpened && (!item.mustRead() || acknowledged);
            states.put(item.key(), new ItemState(itemOpened, acknowledged, itemDone));
            done += itemDone ? 1 : 0;
            if (item.mustRead()) {
                mustRead++;
                mustReadDone += itemDone ? 1 : 0;
            }
        }
        boolean hasQuiz = c.hasQuiz();
        Integer best = null;
        boolean passed = false;
        int tries = 0;
        if (hasQuiz) {
            int since = c.quiz().revision() == null ? version : c.quiz().revision();
            for (PackRepository.AttemptRow a : attempts) {
                if (a.version() >= since) {
                    tries++;
                    best = best == null ? a.score() : Math.max(best, a.score());
                    passed |= a.passed();
                }
            }
        }
        boolean complete = opened && mustReadDone == mustRead && (!hasQuiz || passed);
        boolean overdue = !complete && c.dueOn() != null && today.isAfter(c.dueOn());
        return new Progress(done, c.items().size(), mustReadDone, mustRead, hasQuiz, best, passed, tries, complete,
                overdue, opened, states);
    }

    /** The version an item last changed in (a draft's items count from version 1). */
    private static int revision(PackContent.Item item) {
        return item.revision() == null ? 1 : item.revision();
    }

    /** The draft as version {@code version}: an item or quiz unchanged since the previous version keeps its revision. */
    static PackContent revised(PackContent draft, PackContent previous, int version) {
        Map<String, PackContent.Item> before = new HashMap<>();
        if (previous != null) {
            previous.items().forEach(i -> before.put(i.key(), i));
        }
        List<PackContent.Item> items = draft.items().stream().map(item -> {
            PackContent.Item old = before.get(item.key());
            return item.withRevision(item.sameContent(old) ? old.revision() : version);
        }).toList();
        PackContent.Quiz quiz = draft.quiz();
        if (quiz != null) {
            PackContent.Quiz old = previous == null ? null : previous.quiz();
            quiz = new PackContent.Quiz(quiz.passMark(), quiz.questions(),
                    quiz.sameContent(old) ? old.revision() : version);
        }
        return draft.withItems(items).withQuiz(quiz);
    }

    /** What changed from one version to another, item by item, then the quiz. */
    static List<Change> changes(PackContent before, PackContent after) {
        List<Change> changes = new ArrayList<>();
        Map<String, PackContent.Item> old = new LinkedHashMap<>();
        before.items().forEach(i -> old.put(i.key(), i));
        for (PackContent.Item item : after.items()) {
            PackContent.Item was = old.remove(item.key());
            if (was == null) {
                changes.add(new Change("ADDED", item.key(), item.title()));
            } else if (!item.sameContent(was)) {
                changes.add(new Change("CHANGED", item.key(), item.title()));
            }
        }
        old.values().forEach(i -> changes.add(new Change("REMOVED", i.key(), i.title())));
        if (after.hasQuiz() && !after.quiz().sameContent(before.quiz())) {
            changes.add(new Change(before.hasQuiz() ? "CHANGED" : "ADDED", "quiz", "Quiz"));
        } else if (!after.hasQuiz() && before.hasQuiz()) {
            changes.add(new Change("REMOVED", "quiz", "Quiz"));
        }
        if (!java.util.Objects.equals(before.dueOn(), after.dueOn())) {
            changes.add(new Change("CHANGED", "due", after.dueOn() == null ? "No due date any more"
                    : "Due date: " + after.dueOn()));
        }
        return changes;
    }

    /** The content a rep may see: the quiz without its right answers. */
    private static PackContent forReps(PackContent c) {
        if (c.quiz() == null) {
            return c;
        }
        return c.withQuiz(new PackContent.Quiz(c.quiz().passMark(), c.quiz().questions().stream()
                .map(q -> new PackContent.Question(q.key(), q.text(), q.choices(), null)).toList(),
                c.quiz().revision()));
    }

    private Flux<PackRepository.VersionRow> assigned(BatonUser user) {
        return accounts.teamsOf(List.of(user.id())).map(t -> t.getOrDefault(user.id(), List.of()))
                .flatMapMany(teams -> packs.currentVersions()
                        .filterWhen(v -> inAudience(read(v.content()).audience(), user, teams)));
    }

    /** The current version of a published pack the person is in the audience of; 404 otherwise (drafts too). */
    Mono<PackRepository.VersionRow> assignedVersion(long id, BatonUser user) {
        return assigned(user).filter(v -> v.packId() == id).next()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No pack " + id + " for you.")));
    }

    private static PackContent.Item item(PackContent c, String key) {
        return c.items().stream().filter(i -> i.key().equals(key)).findFirst()
                .orElseThrow(() -> new BatonException.NotFound("The pack has no item " + key + "."));
    }

    private PackContent checked(PackContent proposed) {
        if (proposed == null) {
            throw new BatonException.InvalidInput("body", "send the pack as JSON");
        }
        return proposed.checked();
    }

    /** Fills in the library's title of asset items without one (what reps see until the trainer renames it). */
    private Mono<PackContent> withAssetTitles(PackContent c, BatonUser user) {
        return Flux.fromIterable(c.items()).concatMap(item -> item.kind() != PackContent.Kind.ASSET
                        || item.title() != null ? Mono.just(item)
                        : content.get(item.assetId(), user)
                                .map(asset -> new PackContent.Item(item.key(), item.kind(), item.assetId(), null,
                                        asset.title(), null, item.mustRead(), item.note(), item.revision(),
                                        item.buyerFacing()))
                                .onErrorResume(BatonException.NotFound.class, e -> Mono.just(item)))
                .collectList()
                .map(c::withItems);
    }

    /** Checks the assets (they exist and reps may open them) and the audience's teams and people. */
    private Mono<Void> verify(PackContent c) {
        List<UUID> assetIds = c.items().stream().filter(i -> i.kind() == PackContent.Kind.ASSET)
                .map(PackContent.Item::assetId).toList();
        LocalDate today = today();
        Mono<Map<String, String>> assets = content.states(assetIds).map(states -> {
            Map<String, String> problems = new LinkedHashMap<>();
            for (int i = 0; i < c.items().size(); i++) {
                PackContent.Item item = c.items().get(i);
                if (item.kind() != PackContent.Kind.ASSET) {
                    continue;
                }
                ContentService.AssetState state = states.get(item.assetId());
                if (state == null) {
                    problems.put("items[" + i + "].assetId", "no asset in the library has the id " + item.assetId());
                } else if (!AssetVisibility.visibleToRep(state.status(), state.expiresOn(), today)) {
                    problems.put("items[" + i + "].assetId", "the asset is not published (or has expired): reps "
                            + "could not open it");
                }
            }
            return problems;
        });
        Mono<Set<Long>> teams = c.audience().teamIds().isEmpty() ? Mono.just(Set.of())
                : accounts.teams().map(Team::id).collect(Collectors.toSet());
        Mono<Map<Long, Person>> people = accounts.people(c.audience().accountIds());
        return Mono.zip(assets, teams, people).flatMap(t -> {
            Map<String, String> problems = new LinkedHashMap<>(t.getT1());
            List<Long> unknownTeams = c.audience().teamIds().stream().filter(id -> !t.getT2().contains(id)).toList();
            if (!unknownTeams.isEmpty()) {
                problems.put("audience.teamIds", "no team has the ids " + unknownTeams);
            }
            List<Long> unknownPeople = c.audience().accountIds().stream().filter(id -> !t.getT3().containsKey(id))
                    .toList();
            if (!unknownPeople.isEmpty()) {
                problems.put("audience.accountIds", "no user has the ids " + unknownPeople);
            }
            return problems.isEmpty() ? Mono.empty() : Mono.error(new BatonException.InvalidInput(problems));
        });
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A team an audience may name. */
    record AudienceTeam(long id, String name) {}

    /** A person an audience may name: an enabled account, with what they do. */
    record AudiencePerson(long id, String username, String displayName, Role role) {}

    /** What a pack's audience may name: the teams and the enabled people, each by name. */
    record AudienceChoices(List<AudienceTeam> teams, List<AudiencePerson> people) {}

    /**
     * The teams and people a pack's audience may name (trainers cannot list teams and users through the admins'
     * API); {@code alsoNamed}: people already named in a pack, listed even when their account is disabled since.
     */
    Mono<AudienceChoices> audience(Collection<Long> alsoNamed) {
        Mono<List<AudienceTeam>> teams = accounts.teams().map(t -> new AudienceTeam(t.id(), t.name()))
                .collectList();
        Mono<List<AudiencePerson>> people = accounts.activeRoles().flatMap(roles -> {
            Set<Long> ids = new LinkedHashSet<>(roles.keySet());
            ids.addAll(alsoNamed);
            return accounts.people(ids).map(found -> found.values().stream()
                    .map(p -> new AudiencePerson(p.id(), p.username(), p.displayName(), roles.get(p.id())))
                    .sorted(java.util.Comparator.comparing(AudiencePerson::displayName,
                            String.CASE_INSENSITIVE_ORDER).thenComparing(AudiencePerson::username))
                    .toList());
        });
        // one after the other: an error in one must not cancel the other's query mid-stream
        return teams.flatMap(t -> people.map(p -> new AudienceChoices(t, p)));
    }

    private static int next(PackRepository.PackRow row) {
        return row.currentVersion() == null ? 1 : row.currentVersion() + 1;
    }

    private static String name(Map<Long, Person> people, long id) {
        Person p = people.get(id);
        return p == null ? "user " + id : p.displayName();
    }

    private static BatonException notFound(long id) {
        return new BatonException.NotFound("No pack " + id + ".");
    }

    private static BatonException retired(long id) {
        return new BatonException.Conflict("Pack " + id + " is retired: it can no longer change");
    }

    PackContent read(String text) {
        try {
            return json.readValue(text, PackContent.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("A stored pack could not be read", e);
        }
    }

    String write(PackContent c) {
        return json.writeValueAsString(c);
    }

    String writeAnswers(Map<String, Boolean> answers) {
        return json.writeValueAsString(answers);
    }

    private Map<String, Boolean> readAnswers(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Boolean>>() {});
        } catch (JacksonException e) {
            throw new IllegalStateException("A stored quiz attempt could not be read", e);
        }
    }

    static Set<String> keys(Collection<PackContent.Item> items) {
        Set<String> keys = new HashSet<>();
        items.forEach(i -> keys.add(i.key()));
        return keys;
    }
}
