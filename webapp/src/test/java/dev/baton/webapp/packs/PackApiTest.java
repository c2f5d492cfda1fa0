package dev.baton.webapp.packs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every pack action through the API: authoring, versions, the audience, the rep's progress and the trainer's view. */
class PackApiTest extends BatonTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    private PackClient client() {
        return new PackClient(http);
    }

    private String auth(String name) {
        return basic(name, TestUsers.PASSWORD);
    }

    private static Map<String, Object> item(String kind, Object... pairs) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", kind);
        for (int i = 0; i < pairs.length; i += 2) {
            item.put((String) pairs[i], pairs[i + 1]);
        }
        return item;
    }

    private static Map<String, Object> pack(String title, List<?> items, Map<String, Object> audience, Object quiz,
            String dueOn) {
        Map<String, Object> pack = new LinkedHashMap<>();
        pack.put("title", title);
        pack.put("goal", "Know the launch");
        pack.put("launch", "Insights 2027");
        pack.put("dueOn", dueOn);
        pack.put("audience", audience);
        pack.put("items", items);
        pack.put("quiz", quiz);
        return pack;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> content) {
        return (List<Map<String, Object>>) content.get("items");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTrainerPublishesAPackTheAudienceCompletesItAndTheTrainerSeesTheProgress() {
        users.user("pa-trainer", "TRAINER");
        users.user("pa-marketer", "MARKETER");
        long rep = users.user("pa-rep", "REP").id();
        long teamRep = users.user("pa-team-rep", "REP").id();
        users.user("pa-outsider", "REP");
        users.user("pa-admin", "ADMIN");
        PackClient api = client();
        String asset = api.publishedAsset(auth("pa-marketer"), "Pack battlecard " + System.nanoTime());
        long team = ((Number) api.json("POST", "/api/v1/teams", auth("pa-admin"),
                Map.of("name", "Pack team " + System.nanoTime(), "memberIds", List.of(teamRep)), 201).get("id"))
                .longValue();
        String due = LocalDate.now(ZoneOffset.UTC).plusDays(14).toString();
        Map<String, Object> quiz = Map.of("passMark", 50, "questions", List.of(
                Map.of("text", "Who is the buyer?", "choices", List.of("The CFO", "The intern"), "correct", 0),
                Map.of("text", "What do we lead with?", "choices", List.of("Price", "Value", "Nothing"),
                        "correct", 1)));
        Map<String, Object> created = api.json("POST", "/api/v1/packs", auth("pa-trainer"), pack("Insights launch",
                List.of(item("ASSET", "assetId", asset, "mustRead", true, "note", "Read page 2"),
                        item("NOTE", "title", "How to pitch", "body", "**Lead** with value. <script>alert(1)</script> "
                                + "[bad](javascript:alert(1)) [good](https://example.com)"),
                        item("LINK", "url", "https://example.com/launch", "title", "Launch page")),
                Map.of("teamIds", List.of(team), "accountIds", List.of(rep)), quiz, due), 201);
        long id = ((Number) created.get("id")).longValue();
        assertThat(created.get("status")).isEqualTo("DRAFT");
        Map<String, Object> draft = (Map<String, Object>) created.get("draft");
        // the asset item takes the library's title
        assertThat((String) items(draft).get(0).get("title")).startsWith("Pack battlecard");
        String assetKey = (String) items(draft).get(0).get("key");
        String noteKey = (String) items(draft).get(1).get("key");
        String linkKey = (String) items(draft).get(2).get("key");

        // a draft is invisible to reps
        assertThat(api.list("/api/v1/packs/assigned", auth("pa-rep"))).noneMatch(p -> ((Number) p.get("id"))
                .longValue() == id);
        api.json("GET", "/api/v1/packs/assigned/" + id, auth("pa-rep"), null, 404);

        Map<String, Object> published = api.json("POST", "/api/v1/packs/" + id + "/publish", auth("pa-trainer"),
                null, 200);
        assertThat(published.get("status")).isEqualTo("PUBLISHED");
        assertThat(published.get("currentVersion")).isEqualTo(1);
        assertThat(published.get("draft")).isNull();
        // the audience is told; someone outside it is not and cannot open it
        assertThat(api.notificationTitles(auth("pa-rep"), "pack.published")).contains("New pack for you: Insights launch");
        assertThat(api.notificationTitles(auth("pa-team-rep"), "pack.published"))
                .contains("New pack for you: Insights launch");
        assertThat(api.notificationTitles(auth("pa-outsider"), "pack.published")).isEmpty();
        api.json("GET", "/api/v1/packs/assigned/" + id, auth("pa-outsider"), null, 404);

        List<Map<String, Object>> mine = api.list("/api/v1/packs/assigned", auth("pa-rep"));
        Map<String, Object> mineRow = mine.stream().filter(p -> ((Number) p.get("id")).longValue() == id).findFirst()
                .orElseThrow();
        assertThat((Map<String, Object>) mineRow.get("progress")).containsEntry("itemsDone", 0)
                .containsEntry("items", 3).containsEntry("complete", false);

        Map<String, Object> view = api.json("GET", "/api/v1/packs/assigned/" + id, auth("pa-rep"), null, 200);
        Map<String, Object> repQuiz = (Map<String, Object>) ((Map<String, Object>) view.get("content")).get("quiz");
        // reps never see the right answers
        assertThat((List<Map<String, Object>>) repQuiz.get("questions")).allSatisfy(q -> assertThat(q.get("correct"))
                .isNull());
        List<String> questionKeys = ((List<Map<String, Object>>) repQuiz.get("questions")).stream()
                .map(q -> (String) q.get("key")).toList();

        // a must-read item is acknowledged after it is opened, not before
        api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + assetKey + "/acknowledge", auth("pa-rep"), null,
                409);
        api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + assetKey + "/open", auth("pa-rep"), null, 200);
        api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + assetKey + "/acknowledge", auth("pa-rep"), null,
                200);
        Map<String, Object> note = api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + noteKey + "/open",
                auth("pa-rep"), null, 200);
        String html = (String) note.get("html");
        assertThat(html).contains("<strong>Lead</strong>").contains("&lt;script&gt;").doesNotContain("<script>")
                .doesNotContain("javascript:").contains("href=\"https://example.com\"");
        api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + linkKey + "/open", auth("pa-rep"), null, 200);
        api.json("POST", "/api/v1/packs/assigned/" + id + "/items/nope/open", auth("pa-rep"), null, 404);

        // an unanswered question is named; a failed attempt, then a pass
        Map<String, Object> unanswered = api.json("POST", "/api/v1/packs/assigned/" + id + "/quiz", auth("pa-rep"),
                Map.of("answers", Map.of(questionKeys.get(0), 0)), 400);
        assertThat(PackClient.fields(unanswered)).containsExactly("answers." + questionKeys.get(1));
        Map<String, Object> failed = api.json("POST", "/api/v1/packs/assigned/" + id + "/quiz", auth("pa-rep"),
                Map.of("answers", Map.of(questionKeys.get(0), 1, questionKeys.get(1), 0)), 200);
        assertThat(failed).containsEntry("score", 0).containsEntry("passed", false);
        Map<String, Object> passed = api.json("POST", "/api/v1/packs/assigned/" + id + "/quiz", auth("pa-rep"),
                Map.of("answers", Map.of(questionKeys.get(0), 0, questionKeys.get(1), 2)), 200);
        assertThat(passed).containsEntry("score", 50).containsEntry("passed", true);

        Map<String, Object> done = api.json("GET", "/api/v1/packs/assigned/" + id, auth("pa-rep"), null, 200);
        assertThat((Map<String, Object>) done.get("progress")).containsEntry("itemsDone", 3)
                .containsEntry("complete", true).containsEntry("quizPassed", true).containsEntry("bestScore", 50);

        // the trainer: per person, per item, per question, and the view of the asset carried the pack
        Map<String, Object> progress = api.json("GET", "/api/v1/packs/" + id + "/progress", auth("pa-trainer"), null,
                200);
        assertThat(progress).containsEntry("audience", 2).containsEntry("completed", 1);
        List<Map<String, Object>> people = (List<Map<String, Object>>) progress.get("people");
        assertThat(people).extracting(p -> p.get("name")).containsExactly("pa-team-rep Example", "pa-rep Example");
        assertThat((Map<String, Object>) people.get(1).get("progress")).containsEntry("complete", true);
        assertThat((Map<String, Object>) people.get(0).get("progress")).containsEntry("opened", false);
        List<Map<String, Object>> byItem = (List<Map<String, Object>>) progress.get("items");
        assertThat(byItem).extracting(i -> i.get("done")).containsExactly(1, 1, 1);
        List<Map<String, Object>> byQuestion = (List<Map<String, Object>>) progress.get("questions");
        assertThat(byQuestion).extracting(q -> q.get("text"), q -> q.get("answered"), q -> q.get("missed"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("What do we lead with?", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("Who is the buyer?", 1, 0));
        assertThat((Map<String, Object>) progress.get("assetViews")).containsEntry(asset, 1);
        assertThat((List<?>) progress.get("overdue")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRevisionIsANewVersionRepsSeeOnlyOncePublishedWithWhatChanged() {
        users.user("pv-trainer", "TRAINER");
        users.user("pv-rep", "REP");
        PackClient api = client();
        Map<String, Object> created = api.json("POST", "/api/v1/packs", auth("pv-trainer"), pack("Competitive pack",
                List.of(item("NOTE", "title", "Their weak spot", "body", "Support hours", "mustRead", true),
                        item("LINK", "url", "https://example.com/rival", "title", "Rival site")),
                Map.of("roles", List.of("REP")), null, LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()), 201);
        long id = ((Number) created.get("id")).longValue();
        List<Map<String, Object>> v1Items = items((Map<String, Object>) created.get("draft"));
        String noteKey = (String) v1Items.get(0).get("key");
        String linkKey = (String) v1Items.get(1).get("key");
        api.json("POST", "/api/v1/packs/" + id + "/publish", auth("pv-trainer"), null, 200);
        api.json("GET", "/api/v1/packs/assigned/" + id, auth("pv-rep"), null, 200);
        api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + noteKey + "/open", auth("pv-rep"), null, 200);
        api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + noteKey + "/acknowledge", auth("pv-rep"), null,
                200);
        api.json("POST", "/api/v1/packs/assigned/" + id + "/items/" + linkKey + "/open", auth("pv-rep"), null, 200);

        // overdue on the trainer's view? no: complete before the due date passed is complete (other reps of the
        // shared test database are in the REP audience too, and overdue)
        Map<String, Object> progress = api.json("GET", "/api/v1/packs/" + id + "/progress", auth("pv-trainer"), null,
                200);
        assertThat((List<Map<String, Object>>) progress.get("overdue")).extracting(r -> r.get("name"))
                .doesNotContain("pv-rep Example");

        // edit: a draft of version 2 (the note changes, a link is added); reps keep version 1
        Map<String, Object> revising = api.json("POST", "/api/v1/packs/" + id + "/revise", auth("pv-trainer"), null,
                200);
        Map<String, Object> next = (Map<String, Object>) revising.get("draft");
        List<Map<String, Object>> nextItems = new java.util.ArrayList<>(items(next));
        Map<String, Object> changedNote = new LinkedHashMap<>(nextItems.get(0));
        changedNote.put("body", "Support hours, and no EU data centre");
        nextItems.set(0, changedNote);
        nextItems.add(item("LINK", "url", "https://example.com/compare", "title", "Comparison"));
        next.put("items", nextItems);
        api.json("PUT", "/api/v1/packs/" + id + "/draft", auth("pv-trainer"), next, 200);
        Map<String, Object> stillV1 = api.json("GET", "/api/v1/packs/assigned/" + id, auth("pv-rep"), null, 200);
        assertThat(stillV1.get("version")).isEqualTo(1);
        assertThat(items((Map<String, Object>) stillV1.get("content"))).hasSize(2);

        Map<String, Object> v2 = api.json("POST", "/api/v1/packs/" + id + "/publish", auth("pv-trainer"), null, 200);
        assertThat(v2.get("currentVersion")).isEqualTo(2);
        assertThat((List<?>) v2.get("versions")).hasSize(2);
        // the old version is kept as it was
        Map<String, Object> old = api.json("GET", "/api/v1/packs/" + id + "/versions/1", auth("pv-trainer"), null,
                200);
        assertThat(items(old).get(0).get("body")).isEqualTo("Support hours");
        assertThat(api.notificationTitles(auth("pv-rep"), "pack.published"))
                .contains("A pack of yours changed: Competitive pack (version 2)");

        Map<String, Object> seen = api.json("GET", "/api/v1/packs/assigned/" + id, auth("pv-rep"), null, 200);
        assertThat(seen.get("version")).isEqualTo(2);
        assertThat(seen.get("changedSince")).isEqualTo(1);
        assertThat((List<Map<String, Object>>) seen.get("changes")).extracting(c -> c.get("what") + " " + c.get("title"))
                .containsExactly("CHANGED Their weak spot", "ADDED Comparison");
        // the unchanged link stays done; the changed must-read note must be read again; the due date passed
        Map<String, Object> p = (Map<String, Object>) seen.get("progress");
        Map<String, Map<String, Object>> states = (Map<String, Map<String, Object>>) p.get("itemStates");
        assertThat(states.get(linkKey)).containsEntry("done", true);
        assertThat(states.get(noteKey)).containsEntry("done", false);
        assertThat(p).containsEntry("complete", false).containsEntry("overdue", true);
        Map<String, Object> report = api.json("GET", "/api/v1/packs/" + id + "/progress", auth("pv-trainer"), null,
                200);
        assertThat((List<Map<String, Object>>) report.get("overdue")).extracting(r -> r.get("name"))
                .contains("pv-rep Example");

        // retired: reps no longer see it, and it no longer changes
        api.json("POST", "/api/v1/packs/" + id + "/retire", auth("pv-trainer"), null, 200);
        api.json("GET", "/api/v1/packs/assigned/" + id, auth("pv-rep"), null, 404);
        api.json("PUT", "/api/v1/packs/" + id + "/draft", auth("pv-trainer"), next, 409);
        assertThat(api.list("/api/v1/packs", auth("pv-trainer"))).anySatisfy(s -> {
            assertThat(((Number) s.get("id")).longValue()).isEqualTo(id);
            assertThat(s.get("status")).isEqualTo("RETIRED");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPacksStageAndProductAreTaxonomyValuesGivenByKeyOrLabelKeptByKeyShownByLabelAndFilteredOn() {
        users.user("pt-trainer", "TRAINER");
        users.user("pt-rep", "REP");
        PackClient api = client();
        // a product of this test's own, whose label is not its key
        String product = "pt-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String label = "Product " + product;
        http.post().uri("/api/v1/taxonomy/product/values").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("key", product, "label", label, "definition", "A product of a pack test."))
                .exchange().expectStatus().isCreated();
        Map<String, Object> body = pack("Taxonomy pack " + product, List.of(item("LINK", "url",
                "https://example.com/pt", "title", "Page")), Map.of("accountIds", List.of(users.user("pt-rep", "REP")
                        .id())), null, null);
        body.put("stage", " DECISION ");
        body.put("product", label.toUpperCase(java.util.Locale.ROOT));
        Map<String, Object> created = api.json("POST", "/api/v1/packs", auth("pt-trainer"), body, 201);
        long id = ((Number) created.get("id")).longValue();
        // kept by key, shown with its label
        assertThat((Map<String, Object>) created.get("draft")).containsEntry("stage", "decision")
                .containsEntry("product", product).containsEntry("launch", "Insights 2027");
        assertThat((Map<String, Object>) created.get("stage")).containsEntry("key", "decision")
                .containsEntry("label", "Decision");
        assertThat((Map<String, Object>) created.get("product")).containsEntry("key", product)
                .containsEntry("label", label);
        Map<String, Object> read = api.json("GET", "/api/v1/packs/" + id, auth("pt-trainer"), null, 200);
        assertThat((Map<String, Object>) read.get("product")).containsEntry("label", label);
        api.json("POST", "/api/v1/packs/" + id + "/publish", auth("pt-trainer"), null, 200);
        assertThat((Map<String, Object>) api.json("GET", "/api/v1/packs/" + id + "/versions/1", auth("pt-trainer"),
                null, 200)).containsEntry("stage", "decision").containsEntry("product", product);

        // the trainer's list, filtered by key or label
        List<Map<String, Object>> ofProduct = api.list("/api/v1/packs?stage=Decision&product=" + label,
                auth("pt-trainer"));
        assertThat(ofProduct).extracting(p -> ((Number) p.get("id")).longValue()).containsExactly(id);
        assertThat((Map<String, Object>) ofProduct.getFirst().get("stage")).containsEntry("label", "Decision");
        assertThat((Map<String, Object>) ofProduct.getFirst().get("product")).containsEntry("key", product);
        assertThat(api.list("/api/v1/packs?stage=awareness&product=" + product, auth("pt-trainer"))).isEmpty();
        // the rep's: the same values on "my packs" and the pack
        List<Map<String, Object>> mine = api.list("/api/v1/packs/assigned?product=" + product, auth("pt-rep"));
        assertThat(mine).extracting(p -> ((Number) p.get("id")).longValue()).containsExactly(id);
        assertThat((Map<String, Object>) mine.getFirst().get("product")).containsEntry("label", label);
        assertThat(api.list("/api/v1/packs/assigned?stage=expansion&product=" + product, auth("pt-rep"))).isEmpty();
        Map<String, Object> view = api.json("GET", "/api/v1/packs/assigned/" + id, auth("pt-rep"), null, 200);
        assertThat((Map<String, Object>) view.get("stage")).containsEntry("key", "decision")
                .containsEntry("label", "Decision");
        assertThat((Map<String, Object>) view.get("product")).containsEntry("label", label);

        // a value the taxonomy does not have is refused, naming the field
        body.put("stage", "Discovery");
        body.put("product", "Insights Cloud");
        Map<String, Object> unknown = api.json("POST", "/api/v1/packs", auth("pt-trainer"), body, 400);
        assertThat(PackClient.fields(unknown)).containsExactly("stage", "product");
        assertThat(unknown.get("detail").toString()).contains("'Discovery' is not a value").contains("Decision");
        Map<String, Object> draft = (Map<String, Object>) api.json("POST", "/api/v1/packs/" + id + "/revise",
                auth("pt-trainer"), null, 200).get("draft");
        draft.put("product", "nope");
        assertThat(PackClient.fields(api.json("PUT", "/api/v1/packs/" + id + "/draft", auth("pt-trainer"), draft,
                400))).containsExactly("product");
        assertThat(PackClient.fields(api.json("GET", "/api/v1/packs?stage=nope", auth("pt-trainer"), null, 400)))
                .containsExactly("stage");
        assertThat(PackClient.fields(api.json("GET", "/api/v1/packs/assigned?product=nope", auth("pt-rep"), null,
                400))).containsExactly("product");
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainersListTheTeamsAndPeopleAnAudienceMayName() {
        users.user("pau-trainer", "TRAINER");
        users.user("pau-admin", "ADMIN");
        long rep = users.user("pau-rep", "REP").id();
        PackClient api = client();
        String name = "Audience team " + System.nanoTime();
        long team = ((Number) api.json("POST", "/api/v1/teams", auth("pau-admin"),
                Map.of("name", name, "memberIds", List.of(rep)), 201).get("id")).longValue();
        Map<String, Object> audience = api.json("GET", "/api/v1/packs/audience", auth("pau-trainer"), null, 200);
        assertThat((List<Map<String, Object>>) audience.get("teams"))
                .anySatisfy(t -> assertThat(t).containsEntry("name", name)
                        .containsEntry("id", (int) team));
        assertThat((List<Map<String, Object>>) audience.get("people")).anySatisfy(p -> assertThat(p)
                .containsEntry("id", (int) rep).containsEntry("displayName", "pau-rep Example")
                .containsEntry("role", "REP"));
        assertThat((List<Map<String, Object>>) audience.get("people")).anySatisfy(p -> assertThat(p)
                .containsEntry("displayName", "pau-trainer Example").containsEntry("role", "TRAINER"));
        // reps may not list them
        api.send("GET", "/api/v1/packs/audience", auth("pau-rep"), null).expectStatus().isForbidden();
    }

    @Test
    @SuppressWarnings("unchecked")
    void discardingADraftDropsItAndRepsKeepThePublishedVersion() {
        users.user("pd-trainer", "TRAINER");
        long rep = users.user("pd-rep", "REP").id();
        PackClient api = client();
        long id = ((Number) api.json("POST", "/api/v1/packs", auth("pd-trainer"), pack("Discard pack",
                List.of(item("LINK", "url", "https://example.com/pd", "title", "First page")),
                Map.of("accountIds", List.of(rep)), null, null), 201).get("id")).longValue();
        // a draft never published cannot be discarded: it is all there is
        api.json("DELETE", "/api/v1/packs/" + id + "/draft", auth("pd-trainer"), null, 409);
        api.json("POST", "/api/v1/packs/" + id + "/publish", auth("pd-trainer"), null, 200);
        Map<String, Object> draft = (Map<String, Object>) api.json("POST", "/api/v1/packs/" + id + "/revise",
                auth("pd-trainer"), null, 200).get("draft");
        draft.put("title", "Discard pack, renamed");
        draft.put("items", List.of(item("LINK", "url", "https://example.com/pd2", "title", "Second page")));
        assertThat((Map<String, Object>) api.json("PUT", "/api/v1/packs/" + id + "/draft", auth("pd-trainer"), draft,
                200).get("draft")).containsEntry("title", "Discard pack, renamed");

        Map<String, Object> discarded = api.json("DELETE", "/api/v1/packs/" + id + "/draft", auth("pd-trainer"), null,
                200);
        assertThat(discarded.get("draft")).isNull();
        assertThat(discarded.get("currentVersion")).isEqualTo(1);
        // gone for good: not read back, nothing to publish, the list shows no draft
        Map<String, Object> read = api.json("GET", "/api/v1/packs/" + id, auth("pd-trainer"), null, 200);
        assertThat(read.get("draft")).isNull();
        assertThat(api.list("/api/v1/packs", auth("pd-trainer"))).anySatisfy(s -> {
            assertThat(((Number) s.get("id")).longValue()).isEqualTo(id);
            assertThat(s).containsEntry("hasDraft", false).containsEntry("title", "Discard pack");
        });
        api.json("POST", "/api/v1/packs/" + id + "/publish", auth("pd-trainer"), null, 409);
        Map<String, Object> view = api.json("GET", "/api/v1/packs/assigned/" + id, auth("pd-rep"), null, 200);
        assertThat(view.get("version")).isEqualTo(1);
        assertThat(items((Map<String, Object>) view.get("content"))).extracting(i -> i.get("title"))
                .containsExactly("First page");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRepWhoSkippedAVersionSeesWhatChangedSinceTheOneTheyLastOpened() {
        users.user("ps-trainer", "TRAINER");
        long rep = users.user("ps-rep", "REP").id();
        PackClient api = client();
        Map<String, Object> created = api.json("POST", "/api/v1/packs", auth("ps-trainer"), pack("Skipped pack",
                List.of(item("NOTE", "title", "Pricing", "body", "List prices"),
                        item("LINK", "url", "https://example.com/ps", "title", "Old page")),
                Map.of("accountIds", List.of(rep)), null, null), 201);
        long id = ((Number) created.get("id")).longValue();
        api.json("POST", "/api/v1/packs/" + id + "/publish", auth("ps-trainer"), null, 200);
        assertThat(api.json("GET", "/api/v1/packs/assigned/" + id, auth("ps-rep"), null, 200).get("version"))
                .isEqualTo(1);

        // version 2 changes the note; the rep does not open it
        Map<String, Object> draft = (Map<String, Object>) api.json("POST", "/api/v1/packs/" + id + "/revise",
                auth("ps-trainer"), null, 200).get("draft");
        List<Map<String, Object>> v2 = new java.util.ArrayList<>(items(draft));
        Map<String, Object> note = new LinkedHashMap<>(v2.get(0));
        note.put("body", "List prices and the new discount bands");
        v2.set(0, note);
        draft.put("items", v2);
        api.json("PUT", "/api/v1/packs/" + id + "/draft", auth("ps-trainer"), draft, 200);
        api.json("POST", "/api/v1/packs/" + id + "/publish", auth("ps-trainer"), null, 200);
        // version 3 removes the link and adds another
        draft = (Map<String, Object>) api.json("POST", "/api/v1/packs/" + id + "/revise", auth("ps-trainer"), null,
                200).get("draft");
        List<Map<String, Object>> v3 = new java.util.ArrayList<>(items(draft));
        v3.remove(1);
        v3.add(item("LINK", "url", "https://example.com/ps-new", "title", "New page"));
        draft.put("items", v3);
        api.json("PUT", "/api/v1/packs/" + id + "/draft", auth("ps-trainer"), draft, 200);
        assertThat(api.json("POST", "/api/v1/packs/" + id + "/publish", auth("ps-trainer"), null, 200)
                .get("currentVersion")).isEqualTo(3);

        // opening version 3: the changes since version 1, version 2's among them
        Map<String, Object> seen = api.json("GET", "/api/v1/packs/assigned/" + id, auth("ps-rep"), null, 200);
        assertThat(seen.get("version")).isEqualTo(3);
        assertThat(seen.get("changedSince")).isEqualTo(1);
        assertThat((List<Map<String, Object>>) seen.get("changes")).extracting(c -> c.get("what") + " " + c.get("title"))
                .containsExactly("CHANGED Pricing", "ADDED New page", "REMOVED Old page");
    }

    @Test
    @SuppressWarnings("unchecked")
    void packsWhoseStageAndProductWereFreeTextKeepTheTaxonomyKeysTheyNamedAndLoseTheRest() throws Exception {
        long trainer = users.user("pm-trainer", "TRAINER").id();
        String before = "{\"title\": \"Old pack\", \"goal\": \"\", \"stage\": \"%s\", \"product\": \"%s\", "
                + "\"launch\": \"Spring launch\", \"audience\": {}, \"items\": []}";
        long id = db.sql("insert into pack (title, status, draft, current_version, created_by) values ('Old pack', "
                        + "'PUBLISHED', cast(:draft as jsonb), 1, :by) returning id")
                .bind("draft", before.formatted(" DECISION ", "Analytics")).bind("by", trainer)
                .map(row -> row.get(0, Long.class)).one().block(java.time.Duration.ofSeconds(30));
        db.sql("insert into pack_version (pack_id, version, content, published_by, published_at) values (:id, 1, "
                        + "cast(:content as jsonb), :by, now())")
                .bind("id", id).bind("content", before.formatted("Discovery", "platform")).bind("by", trainer)
                .then().block(java.time.Duration.ofSeconds(30));
        // what V37 did to the packs there were (running it again leaves keys as they are)
        try (var script = getClass().getResourceAsStream("/db/migration/V37__pack_stage_product_taxonomy.sql")) {
            db.sql(new String(script.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).then()
                    .block(java.time.Duration.ofSeconds(30));
        }
        Map<String, Object> pack = client().json("GET", "/api/v1/packs/" + id, auth("pm-trainer"), null, 200);
        assertThat((Map<String, Object>) pack.get("draft")).containsEntry("stage", "decision")
                .containsEntry("product", "analytics").containsEntry("launch", "Spring launch");
        assertThat((Map<String, Object>) pack.get("current")).containsEntry("stage", null)
                .containsEntry("product", "platform").containsEntry("launch", "Spring launch");
        assertThat((Map<String, Object>) pack.get("product")).containsEntry("label", "Analytics");
    }

    @Test
    void badInputIsRefusedNamingEachField() {
        users.user("pb-trainer", "TRAINER");
        users.user("pb-marketer", "MARKETER");
        PackClient api = client();
        String draftAsset = api.asset(basic("pb-marketer", TestUsers.PASSWORD), "Unpublished " + System.nanoTime(),
                "draft");
        Map<String, Object> problem = api.json("POST", "/api/v1/packs", auth("pb-trainer"), pack(" ",
                List.of(item("LINK", "url", "javascript:alert(1)"), item("NOTE"), item("VIDEO")),
                Map.of("roles", List.of("CEO")), Map.of("passMark", 120, "questions", List.of(
                        Map.of("text", "Which?", "choices", List.of("A", "B"), "correct", 2))), null), 400);
        assertThat(PackClient.fields(problem)).containsExactlyInAnyOrder("title", "audience.roles", "items[0].url",
                "items[1].body", "quiz.passMark", "quiz.questions[0].correct", "items[2].kind");
        Map<String, Object> unknown = api.json("POST", "/api/v1/packs", auth("pb-trainer"), pack("Refs",
                List.of(item("ASSET", "assetId", draftAsset), item("ASSET", "assetId",
                        "00000000-0000-0000-0000-000000000001")),
                Map.of("teamIds", List.of(999999999), "accountIds", List.of(999999998)), null, null), 400);
        assertThat(PackClient.fields(unknown)).containsExactlyInAnyOrder("items[0].assetId", "items[1].assetId",
                "audience.teamIds", "audience.accountIds");
        // nothing to publish without items and an audience
        Map<String, Object> empty = api.json("POST", "/api/v1/packs", auth("pb-trainer"),
                Map.of("title", "Empty pack"), 201);
        Map<String, Object> refused = api.json("POST", "/api/v1/packs/" + empty.get("id") + "/publish",
                auth("pb-trainer"), null, 400);
        assertThat(PackClient.fields(refused)).containsExactly("items", "audience");
    }
}
