package dev.baton.webapp.packs;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.system.BatonException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a pack says: its title, goal, what it belongs to (a buyer stage and a product, taxonomy values kept by their
 * keys ({@link PackValues}), and a launch, free text), its audience, its ordered items, an optional quiz and a due
 * date. A draft is one of these; a published version is one of these, frozen, with each item's and the quiz's revision
 * (the version in which it last changed) filled in.
 */
record PackContent(
        String title,
        String goal,
        String stage,
        String product,
        String launch,
        LocalDate dueOn,
        Audience audience,
        List<Item> items,
        Quiz quiz) {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 2000;
    static final int MAX_BODY = 20_000;
    static final int MAX_ITEMS = 100;
    static final int MAX_QUESTIONS = 50;
    static final int MAX_CHOICES = 8;

    PackContent {
        audience = audience == null ? new Audience(List.of(), List.of(), List.of()) : audience;
        items = items == null ? List.of() : List.copyOf(items);
    }

    static PackContent named(String title) {
        return new PackContent(title, "", null, null, null, null, null, List.of(), null);
    }

    /** Who a pack is for: everyone with one of these roles, the members of these teams, these people. */
    record Audience(List<String> roles, List<Long> teamIds, List<Long> accountIds) {
        Audience {
            roles = roles == null ? List.of() : List.copyOf(roles);
            teamIds = teamIds == null ? List.of() : List.copyOf(teamIds);
            accountIds = accountIds == null ? List.of() : List.copyOf(accountIds);
        }

        boolean empty() {
            return roles.isEmpty() && teamIds.isEmpty() && accountIds.isEmpty();
        }
    }

    /** The kinds of item: an asset of the library, a note written in Markdown, a link to a web page. */
    enum Kind {
        ASSET,
        NOTE,
        LINK;

        /** The kind with this name in any case; {@code null} (reported as the item's wrong kind) for another. */
        @JsonCreator
        static Kind of(String value) {
            try {
                return value == null ? null : valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * One item. {@code key} stays the same across versions (a rep's progress follows it); {@code revision} is the
     * pack version in which the item last changed (set when published; {@code null} in a draft). {@code buyerFacing}
     * (library assets only) marks what reps may share with buyers from the pack ("Share with a buyer"); changing it
     * is not a change reps must read again.
     */
    record Item(String key, Kind kind, UUID assetId, String url, String title, String body, Boolean mustRead,
            String note, Integer revision, Boolean buyerFacing) {

        Item {
            mustRead = mustRead != null && mustRead;
            buyerFacing = buyerFacing != null && buyerFacing;
        }

        /** An item that is not buyer-facing. */
        Item(String key, Kind kind, UUID assetId, String url, String title, String body, Boolean mustRead,
                String note, Integer revision) {
            this(key, kind, assetId, url, title, body, mustRead, note, revision, false);
        }

        Item withKey(String newKey) {
            return new Item(newKey, kind, assetId, url, title, body, mustRead, note, revision, buyerFacing);
        }

        Item withRevision(Integer newRevision) {
            return new Item(key, kind, assetId, url, title, body, mustRead, note, newRevision, buyerFacing);
        }

        Item withBuyerFacing(boolean value) {
            return new Item(key, kind, assetId, url, title, body, mustRead, note, revision, value);
        }

        boolean sameContent(Item other) {
            return other != null && kind == other.kind && Objects.equals(assetId, other.assetId)
                    && Objects.equals(url, other.url) && Objects.equals(title, other.title)
                    && Objects.equals(body, other.body) && mustRead.equals(other.mustRead)
                    && Objects.equals(note, other.note);
        }
    }

    /** A multiple-choice quiz: passed with at least {@code passMark} per cent of the questions right. */
    record Quiz(Integer passMark, List<Question> questions, Integer revision) {
        Quiz {
            questions = questions == null ? List.of() : List.copyOf(questions);
        }

        boolean sameContent(Quiz other) {
            return other != null && Objects.equals(passMark, other.passMark) && questions.equals(other.questions);
        }
    }

    /** A question, its choices and the index of the right one (never shown to reps). */
    record Question(String key, String text, List<String> choices, Integer correct) {
        Question {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }
    }

    PackContent withItems(List<Item> newItems) {
        return new PackContent(title, goal, stage, product, launch, dueOn, audience, newItems, quiz);
    }

    PackContent withValues(String stageKey, String productKey) {
        return new PackContent(title, goal, stageKey, productKey, launch, dueOn, audience, items, quiz);
    }

    PackContent withQuiz(Quiz newQuiz) {
        return new PackContent(title, goal, stage, product, launch, dueOn, audience, items, newQuiz);
    }

    boolean hasQuiz() {
        return quiz != null && !quiz.questions().isEmpty();
    }

    /**
     * This content checked and tidied: text stripped, keys given to new items and questions, every wrong field
     * reported at once (as {@code items[2].url}). Assets and audience ids are checked against the database by the
     * service.
     */
    PackContent checked() {
        Map<String, String> problems = new LinkedHashMap<>();
        String t = strip(title);
        if (t == null || t.length() > MAX_TITLE) {
            problems.put("title", "give the pack a title of 1 to " + MAX_TITLE + " characters");
        }
        String g = strip(goal);
        if (g != null && g.length() > MAX_TEXT) {
            problems.put("goal", "use at most " + MAX_TEXT + " characters");
        }
        // a value of the taxonomy each: checked (and made its key) by the service, which reads the taxonomy
        String s = strip(stage);
        String p = strip(product);
        String l = short100(strip(launch), "launch", problems);
        List<String> roles = new ArrayList<>();
        for (String role : audience.roles()) {
            String name = role == null ? "" : role.strip().toUpperCase(Locale.ROOT);
            if (Set.of("REP", "MARKETER", "TRAINER", "ADMIN").contains(name)) {
                if (!roles.contains(name)) {
                    roles.add(name);
                }
            } else {
                problems.put("audience.roles", "use the roles " + List.of(Role.values()));
            }
        }
        if (audience.teamIds().stream().anyMatch(Objects::isNull)) {
            problems.put("audience.teamIds", "give team ids, without nulls");
        }
        if (audience.accountIds().stream().anyMatch(Objects::isNull)) {
            problems.put("audience.accountIds", "give account ids, without nulls");
        }
        Audience a = new Audience(roles, audience.teamIds().stream().filter(Objects::nonNull).distinct().toList(),
                audience.accountIds().stream().filter(Objects::nonNull).distinct().toList());
        if (items.size() > MAX_ITEMS) {
            problems.put("items", "a pack holds at most " + MAX_ITEMS + " items");
        }
        List<Item> checkedItems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String at = "items[" + i + "]";
            if (item == null) {
                problems.put(at, "give an item, not null");
                continue;
            }
            String key = key(item.key(), at + ".key", keys, problems);
            String itemTitle = strip(item.title());
            String note = strip(item.note());
            if (itemTitle != null && itemTitle.length() > MAX_TITLE) {
                problems.put(at + ".title", "use at most " + MAX_TITLE + " characters");
            }
            if (note != null && note.length() > MAX_TEXT) {
                problems.put(at + ".note", "use at most " + MAX_TEXT + " characters");
            }
            if (item.kind() == null) {
                problems.put(at + ".kind", "use ASSET, NOTE or LINK");
                continue;
            }
            UUID assetId = null;
            String url = null;
            String body = null;
            switch (item.kind()) {
                case ASSET -> {
                    if (item.assetId() == null) {
                        problems.put(at + ".assetId", "name the library asset by its id");
                    }
                    assetId = item.assetId();
                }
                case NOTE -> {
                    body = strip(item.body());
                    if (body == null || body.length() > MAX_BODY) {
                        problems.put(at + ".body", "write the note (Markdown), 1 to " + MAX_BODY + " characters");
                    }
                    if (itemTitle == null) {
                        itemTitle = "Note";
                    }
                }
                case LINK -> {
                    url = strip(item.url());
                    if (!webAddress(url)) {
                        problems.put(at + ".url", "give a web address starting with https:// or http://");
                    }
                    if (itemTitle == null) {
                        itemTitle = url;
                    }
                }
                default -> throw new IllegalStateException();
            }
            if (item.buyerFacing() && item.kind() != Kind.ASSET) {
                problems.put(at + ".buyerFacing", "only a library asset can be buyer-facing (shared with buyers)");
            }
            checkedItems.add(new Item(key, item.kind(), assetId, url, itemTitle, body, item.mustRead(), note,
                    item.revision(), item.buyerFacing()));
        }
        Quiz q = null;
        if (quiz != null && (!quiz.questions().isEmpty() || quiz.passMark() != null)) {
            Integer mark = quiz.passMark() == null ? 80 : quiz.passMark();
            if (mark < 1 || mark > 100) {
                problems.put("quiz.passMark", "give a pass mark from 1 to 100 (per cent of the questions right)");
            }
            if (quiz.questions().size() > MAX_QUESTIONS) {
                problems.put("quiz.questions", "a quiz has at most " + MAX_QUESTIONS + " questions");
            }
            List<Question> questions = new ArrayList<>();
            Set<String> questionKeys = new HashSet<>();
            for (int i = 0; i < quiz.questions().size(); i++) {
                Question question = quiz.questions().get(i);
                String at = "quiz.questions[" + i + "]";
                if (question == null) {
                    problems.put(at, "give a question, not null");
                    continue;
                }
                String key = key(question.key(), at + ".key", questionKeys, problems);
                String text = strip(question.text());
                if (text == null || text.length() > MAX_TEXT) {
                    problems.put(at + ".text", "write the question, 1 to " + MAX_TEXT + " characters");
                }
                List<String> choices = question.choices().stream().map(PackContent::strip).filter(Objects::nonNull)
                        .toList();
                if (choices.size() < 2 || choices.size() > MAX_CHOICES
                        || choices.stream().anyMatch(c -> c.length() > MAX_TITLE)) {
                    problems.put(at + ".choices", "give 2 to " + MAX_CHOICES + " choices of at most " + MAX_TITLE
                            + " characters");
                } else if (question.correct() == null || question.correct() < 0
                        || question.correct() >= choices.size()) {
                    problems.put(at + ".correct", "give the index of the right choice, from 0 to "
                            + (choices.size() - 1));
                }
                questions.add(new Question(key, text, choices, question.correct()));
            }
            q = new Quiz(mark, questions, quiz.revision());
        }
        if (!problems.isEmpty()) {
            throw new BatonException.InvalidInput(problems);
        }
        return new PackContent(t, g == null ? "" : g, s, p, l, dueOn, a, checkedItems, q);
    }

    private static String key(String given, String field, Set<String> taken, Map<String, String> problems) {
        String key = strip(given);
        if (key == null) {
            key = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        } else if (!key.matches("[a-z0-9-]{1,40}")) {
            problems.put(field, "use 1 to 40 lower-case letters, digits or hyphens");
        }
        if (!taken.add(key)) {
            problems.put(field, "is used by another entry of this pack");
        }
        return key;
    }

    private static String short100(String value, String field, Map<String, String> problems) {
        if (value != null && value.length() > 100) {
            problems.put(field, "use at most 100 characters");
        }
        return value;
    }

    static String strip(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        return s.isEmpty() ? null : s;
    }

    /** Whether this is an absolute http or https address with a host. */
    static boolean webAddress(String url) {
        if (url == null || url.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
