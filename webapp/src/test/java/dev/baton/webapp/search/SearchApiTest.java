package dev.baton.webapp.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.PageSession;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.taxonomy.Facets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Search through the API, as reps and marketers use it: assets uploaded through the API become searchable by their
 * words once their text is extracted, with filters, facet counts, highlights, visibility by role, synonyms, typo
 * tolerance, suggestions, related assets, the search log, and the index's check and rebuild. Every test uses words of
 * its own, since the application (and its index) is shared with other test classes.
 */
class SearchApiTest extends BatonTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    SearchLog searchLog;

    @Autowired
    IndexFeed feed;

    @Autowired
    SearchIndex index;

    private AssetClient marketer;
    private String rep;
    private String marketerAuth;
    private final String admin = basic("admin", ADMIN_PASSWORD);

    @BeforeEach
    void people() {
        users.user("search-marketer", "MARKETER");
        users.user("search-rep", "REP");
        users.user("search-rep2", "REP");
        marketerAuth = basic("search-marketer", TestUsers.PASSWORD);
        marketer = new AssetClient(http, marketerAuth);
        rep = basic("search-rep", TestUsers.PASSWORD);
    }

    @Test
    void aPublishedAssetIsFoundByTheWordsOfItsTextWithHighlightsAndItsStages() {
        String word = unique("quasar");
        String id = publish("Northwind pricing case study", List.of(
                "Northwind cut onboarding time in half. The " + word + " rollout paid back in four months."),
                Map.of("buyer_stage", List.of("decision"), "persona", List.of("economic-buyer")), "case-study");

        Map<String, Object> result = searchUntilFound(rep, "q=" + word, id);

        assertThat(result.get("total")).isEqualTo(1);
        Map<String, Object> hit = hits(result).getFirst();
        assertThat(hit.get("title")).isEqualTo("Northwind pricing case study");
        assertThat((String) hit.get("snippetHtml")).contains("<mark>" + word + "</mark>");
        assertThat(hit.get("type")).asString().contains("Case study");
        assertThat(hit.get("stages")).asString().contains("Decision");
        assertThat(hit.get("updated")).isNotNull();
        assertThat(hit.get("url")).isEqualTo("/assets/" + id);
        assertThat(result.get("searchId")).isNotNull();
    }

    @Test
    void anAliasAnAdminGivesATaxonomyValueFindsTheAssetsTaggedWithItAndOffersTheFilter() {
        String alias = unique("quaestor");
        String word = unique("ledgerline");
        String key = unique("treasurer");
        http.post().uri("/api/v1/taxonomy/persona/values").header("Authorization", admin)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("key", key, "label", "Treasurer " + key, "definition", "Keeps the cash."))
                .exchange().expectStatus().isCreated();
        http.patch().uri("/api/v1/taxonomy/persona/values/" + key).header("Authorization", admin)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("aliases", List.of("  " + alias.toUpperCase(java.util.Locale.ROOT) + " ", "")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.aliases[0]").isEqualTo(alias).jsonPath("$.aliases.length()").isEqualTo(1);
        String tagged = publish("Cash forecast " + word, List.of("How the cash forecast works."),
                Map.of("persona", List.of(key)), null);
        String says = publish("Notes " + word, List.of("A " + alias + " wrote this."), Map.of(), null);
        searchUntilFound(rep, "q=" + word, tagged);
        searchUntilFound(rep, "q=" + word, says);

        // the tagged asset has every word, the alias by its persona
        Map<String, Object> result = Awaitility.await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> search(rep, "q=" + alias + "+" + word),
                        // the search's copy of the taxonomy is at most 10 seconds old
                        r -> ids(r).containsAll(List.of(tagged, says)) && Integer.valueOf(2).equals(r.get("allWords")));

        assertThat(result.get("suggestedFilters")).asString().contains("facet=persona", "value=" + key,
                "facetLabel=Persona", "label=Treasurer " + key);
        assertThat(ids(search(rep, "q=" + word + "+-" + alias))).as("an excluded alias is only its word")
                .containsExactly(tagged);
        assertThat(search(rep, "q=" + word + "&persona=" + key).get("suggestedFilters")).asList()
                .as("not offered once filtered on").isEmpty();
    }

    @Test
    void aCorrectedWordIsShownWithTheQueryAsTypedToSearchInstead() {
        String word = unique("marmalade");
        String id = publish("Quarterly " + word, List.of("All about " + word + " and more."), Map.of(), null);
        searchUntilFound(rep, "q=" + word, id);
        String typo = word.substring(0, 3) + word.charAt(4) + word.charAt(3) + word.substring(5);

        Map<String, Object> result = search(rep, "q=" + typo + "+quarterly");

        assertThat(ids(result)).contains(id);
        assertThat(result.get("correctedQuery")).isEqualTo(word + " quarterly");
        assertThat(result.get("asTypedQuery")).isEqualTo("\"" + typo + "\" quarterly");
        assertThat(search(rep, "q=" + word).get("correctedQuery")).isNull();
    }

    @Test
    void titlesAreHighlightedHtmlEscapedWithOnlyTheMarkAdded() {
        String word = unique("zenith");
        String id = publish("<b>" + word + "</b> & friends", List.of("Plain text about " + word + "."), Map.of(),
                null);

        Map<String, Object> hit = hits(searchUntilFound(rep, "q=" + word, id)).getFirst();

        assertThat((String) hit.get("titleHtml")).isEqualTo("&lt;b&gt;<mark>" + word + "</mark>&lt;/b&gt; &amp; friends");
    }

    @Test
    void repsSeeOnlyPublishedAssetsAndMarketersMayAskForEverything() {
        String word = unique("nebula");
        String published = publish("Published " + word, List.of("Text " + word), Map.of(), null);
        String draft = upload("Draft " + word, List.of("Text " + word), Map.of(), null, "draft");

        searchUntilFound(rep, "q=" + word, published);
        Map<String, Object> all = searchUntilFound(marketerAuth, "q=" + word + "&scope=all", draft);

        assertThat(ids(all)).containsExactlyInAnyOrder(published, draft);
        assertThat(ids(search(rep, "q=" + word))).containsExactly(published);
        assertThat(ids(search(marketerAuth, "q=" + word))).as("marketers see what reps see unless they ask")
                .containsExactly(published);
        http.get().uri("/api/v1/search?q=" + word + "&scope=all").header("Authorization", rep).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("scope=all"));
        Map<String, Object> drafts = search(marketerAuth, "q=" + word + "&scope=all&status=DRAFT");
        assertThat(ids(drafts)).containsExactly(draft);
    }

    @Test
    void filtersCombineWithOrWithinAFacetAndAndAcrossFacetsWithCountsAmongTheHits() {
        String tag = unique("filtertag");
        String a = publish("Alpha " + tag, List.of("alpha"), Map.of("buyer_stage", List.of("decision"),
                "persona", List.of("economic-buyer")), null, List.of(tag));
        String b = publish("Beta " + tag, List.of("beta"), Map.of("buyer_stage", List.of("consideration"),
                "persona", List.of("economic-buyer")), null, List.of(tag));
        String c = publish("Gamma " + tag, List.of("gamma"), Map.of("buyer_stage", List.of("decision"),
                "persona", List.of("champion")), null, List.of(tag));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> search(rep, "tags=" + tag).get("total"),
                total -> ((Number) total).intValue() == 3);

        Map<String, Object> decision = search(rep, "tags=" + tag + "&buyer_stage=decision");
        assertThat(ids(decision)).containsExactlyInAnyOrder(a, c);
        assertThat(count(decision, "persona", "economic-buyer")).isEqualTo(1);
        assertThat(count(decision, "persona", "champion")).isEqualTo(1);
        assertThat(count(decision, "buyer_stage", "consideration"))
                .as("a selected facet is counted as if its own filter were off").isEqualTo(1);

        assertThat(ids(search(rep, "tags=" + tag + "&buyer_stage=decision&buyer_stage=consideration")))
                .containsExactlyInAnyOrder(a, b, c);
        assertThat(ids(search(rep, "tags=" + tag + "&buyer_stage=decision&persona=economic-buyer")))
                .containsExactly(a);

        Map<String, Object> facet = facet(decision, "buyer_stage");
        assertThat(facet.get("label")).isEqualTo("Buyer stage");
        Map<String, Object> value = value(facet, "decision");
        assertThat(value.get("label")).isEqualTo("Decision");
        assertThat((String) value.get("definition")).isNotBlank();
        assertThat(value.get("selected")).isEqualTo(true);
    }

    @Test
    void filtersTakeATaxonomyValueByItsLabelOrAliasInAnyCaseAsByItsKey() {
        String tag = unique("labelfilter");
        String buyer = publish("Budget " + tag, List.of("budget"), Map.of("buyer_stage", List.of("decision"),
                "persona", List.of("economic-buyer")), null, List.of(tag));
        String champion = publish("Advocate " + tag, List.of("advocate"), Map.of("buyer_stage", List.of("awareness"),
                "persona", List.of("champion")), null, List.of(tag));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> search(rep, "tags=" + tag).get("total"),
                total -> ((Number) total).intValue() == 2);
        assertThat(ids(search(rep, "tags=" + tag + "&persona=economic-buyer"))).containsExactly(buyer);

        for (String given : List.of("Economic buyer", "ECONOMIC BUYER", "cfo", " Finance  Director ")) {
            Map<String, Object> result = filtered(tag, Map.of("persona", List.of(given)));
            assertThat(ids(result)).as("persona=%s", given).containsExactly(buyer);
            assertThat(result.get("filters")).as("the filter is echoed by its key")
                    .isEqualTo(Map.of("tags", List.of(tag), "persona", List.of("economic-buyer")));
            assertThat(value(facet(result, "persona"), "economic-buyer").get("selected")).isEqualTo(true);
        }
        assertThat(ids(filtered(tag, Map.of("persona", List.of("Champion", "CFO"), "buyer_stage",
                List.of("top of funnel", "Decision"))))).as("OR within a facet, AND across, by any name")
                .containsExactlyInAnyOrder(buyer, champion);
        assertThat(ids(filtered(tag, Map.of("persona", List.of("Economic buyer", "economic-buyer")))))
                .containsExactly(buyer);

        Map<String, Object> unknown = filtered(tag, Map.of("persona", List.of("Chief Vibes Officer")));
        assertThat(unknown.get("total")).as("a value the taxonomy does not know finds nothing, as before")
                .isEqualTo(0);
        assertThat(unknown.get("filters")).isEqualTo(Map.of("tags", List.of(tag),
                "persona", List.of("Chief Vibes Officer")));

        String page = PageSession.signIn(baseUrl(), "search-rep", TestUsers.PASSWORD)
                .get("/search?tags=" + tag + "&persona=" + PageSession.encode("Economic buyer")).body();
        assertThat(page).as("the search page filters by label too").contains("Budget " + tag)
                .doesNotContain("Advocate " + tag)
                .contains("Remove filter Persona: Economic buyer")
                .containsPattern("name=\"persona\" value=\"economic-buyer\"[^>]*checked");
    }

    /** A search of the assets with this tag, with these filters sent as given (encoded by the URI builder). */
    private Map<String, Object> filtered(String tag, Map<String, List<String>> filters) {
        return http.get().uri(uri -> {
            uri.path("/api/v1/search").queryParam("tags", tag);
            filters.forEach((facet, values) -> values.forEach(v -> uri.queryParam(facet, v)));
            return uri.build();
        }).header("Authorization", rep).exchange()
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }

    @Test
    void aMisspeltWordStillFindsTheAssetAndSynonymsApplyAtQueryTime() {
        String id = publish("Kaleidoscope adoption playbook", List.of("How teams adopt the kaleidoscope workflow."),
                Map.of(), null);
        searchUntilFound(rep, "q=kaleidoscope", id);

        assertThat(ids(search(rep, "q=kaleidoscpe"))).contains(id);

        String word = unique("zorblax");
        String other = unique("flimflam");
        String synonymAsset = publish("Synonym target", List.of("All about " + word + " today."), Map.of(), null);
        searchUntilFound(rep, "q=" + word, synonymAsset);
        assertThat(ids(search(rep, "q=" + other))).doesNotContain(synonymAsset);

        Map<String, Object> groups = http.get().uri("/api/v1/search/synonyms").header("Authorization", admin)
                .exchange().expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<List<String>> current = new java.util.ArrayList<>((List<List<String>>) groups.get("groups"));
        assertThat(current).contains(List.of("roi", "return on investment"));
        current.add(List.of(word, other));
        http.put().uri("/api/v1/search/synonyms").header("Authorization", rep)
                .bodyValue(Map.of("groups", current)).exchange().expectStatus().isForbidden();
        http.put().uri("/api/v1/search/synonyms").header("Authorization", admin)
                .bodyValue(Map.of("groups", current)).exchange().expectStatus().isOk();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ids(search(rep, "q=" + other)),
                found -> found.contains(synonymAsset));

        http.put().uri("/api/v1/search/synonyms").header("Authorization", admin)
                .bodyValue(Map.of("groups", List.of(List.of("lonely")))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("groups[0]");
    }

    @Test
    void anyTextIsAValidQueryAndBadParametersAreNamed() {
        for (String q : List.of("\"unclosed AND (", "title:", "*", "-", "OR", "a~~~2^^", "\\", "))))")) {
            http.get().uri(uri -> uri.path("/api/v1/search").queryParam("q", "{q}").build(q))
                    .header("Authorization", rep).exchange().expectStatus().isOk();
        }
        // a facet the taxonomy does not have; every other bad parameter is SearchApiControllerTest's (a slice)
        http.get().uri("/api/v1/search?colour=red&persona=cfo")
                .header("Authorization", rep).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.errors[*].field").isEqualTo(List.of("colour"));
        http.get().uri("/api/v1/search?q=x").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void pagesSortsAndPhrasesExclusionsAndOrWorkThroughTheApi() {
        String tag = unique("pagetag");
        for (int i = 1; i <= 5; i++) {
            publish("Paged " + tag + " " + i, List.of(i % 2 == 0 ? "renewal playbook" : "expansion playbook"),
                    Map.of(), null, List.of(tag));
        }
        // the text is searchable once extraction has finished
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> search(rep, "tags=" + tag + "&q=playbook")
                .get("total"), total -> ((Number) total).intValue() == 5);

        Map<String, Object> first = search(rep, "tags=" + tag + "&size=2&sort=newest");
        Map<String, Object> third = search(rep, "tags=" + tag + "&size=2&page=3&sort=newest");
        assertThat(first.get("pages")).isEqualTo(3);
        assertThat(hits(first)).hasSize(2);
        assertThat(hits(third)).hasSize(1);
        assertThat(hits(third).getFirst().get("rank")).isEqualTo(5);
        assertThat(hits(first).getFirst().get("title")).isEqualTo("Paged " + tag + " 5");

        assertThat(search(rep, "tags=" + tag + "&q=\"renewal playbook\"").get("total")).isEqualTo(2);
        assertThat(search(rep, "tags=" + tag + "&q=playbook -renewal").get("total")).isEqualTo(3);
        assertThat(search(rep, "tags=" + tag + "&q=renewal OR expansion").get("total")).isEqualTo(5);
    }

    @Test
    void anOwnersOwnViewsDoNotMakeTheirAssetTheMostUsed() {
        String word = unique("ownuse");
        String used = publish("Used " + word, List.of(word + " body"), Map.of(), null);
        String own = publish("Own " + word, List.of(word + " body"), Map.of(), null);
        searchUntilFound(rep, "q=" + word, used);
        searchUntilFound(rep, "q=" + word, own);

        // the uploader views their own asset five times; a rep views the other one twice
        for (int i = 0; i < 5; i++) {
            marketer.request("POST", "/api/v1/assets/" + own + "/usage", Map.of("action", "view"))
                    .expectStatus().is2xxSuccessful();
        }
        for (int i = 0; i < 2; i++) {
            http.post().uri("/api/v1/assets/" + used + "/usage").header("Authorization", rep)
                    .bodyValue(Map.of("action", "view")).exchange().expectStatus().is2xxSuccessful();
        }
        // and a rep views the uploader's asset once: one use, fewer than the other's two
        http.post().uri("/api/v1/assets/" + own + "/usage").header("Authorization", rep)
                .bodyValue(Map.of("action", "view")).exchange().expectStatus().is2xxSuccessful();

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            feed.refreshUsageSoon();
            assertThat(ids(search(rep, "sort=most_used&q=" + word))).containsExactly(used, own);
        });
        // a document indexed again (its description changed) counts the same way
        marketer.request("PATCH", "/api/v1/assets/" + own, Map.of("description", "changed " + word))
                .expectStatus().isOk();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(search(rep, "q=" + word + " changed").get("allWords")).isEqualTo(1));
        assertThat(ids(search(rep, "sort=most_used&q=" + word))).containsExactly(used, own);
    }

    @Test
    void suggestionsCompleteTitlesAndFrequentSearchesOfSeveralPeople() {
        String word = unique("xylophone");
        String id = publish(word + " launch kit", List.of("launch"), Map.of(), null);
        searchUntilFound(rep, "q=" + word, id);

        Map<String, Object> titles = suggest(rep, word.substring(0, 6));
        assertThat(titles.get("titles")).asString().contains(word + " launch kit");

        search(rep, "q=" + word + " launch");
        search(basic("search-rep2", TestUsers.PASSWORD), "q=" + word + " launch");
        searchLog.flush();
        feed.refreshSuggestionsSoon();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> suggest(rep, word.substring(0, 5))
                .get("queries").toString().contains(word + " launch"));
    }

    @Test
    void theTitlesASuggestionListShowedCountAsSurfaced() {
        String word = unique("quokka");
        String id = publish(word + " field guide", List.of("field notes"), Map.of(), null);
        // no search at all: only the suggestion list shows it
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> suggest(rep, word.substring(0, 6)).get("titles").toString().contains(id));
        searchLog.flush();
        assertThat(db.sql("select count(*) from search_surfaced where asset_id = :id")
                .bind("id", UUID.fromString(id)).map(r -> r.get(0, Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void everySearchAndTheResultOpenedFromItAreLogged() {
        String word = unique("logword");
        String id = publish("Logged " + word, List.of("text"), Map.of(), null);
        searchUntilFound(rep, "q=" + word, id);

        Map<String, Object> result = search(rep, "q=" + word + "&buyer_stage=decision");
        Map<String, Object> found = search(rep, "q=" + word);
        Map<String, Object> empty = search(rep, "q=" + unique("nothingmatches"));
        http.post().uri("/api/v1/search/" + result.get("searchId") + "/opened").header("Authorization", rep)
                .bodyValue(Map.of("assetId", id, "rank", 1)).exchange().expectStatus().isAccepted();
        searchLog.flush();

        Map<String, Object> logged = db.sql("select query, filters, total, source from search_log "
                        + "where search_id = :id").bind("id", UUID.fromString((String) result.get("searchId")))
                .fetch().one().block();
        assertThat(logged).containsEntry("query", word).containsEntry("filters", "buyer_stage=decision")
                .containsEntry("source", "API");
        assertThat(db.sql("select total from search_log where search_id = :id")
                .bind("id", UUID.fromString((String) empty.get("searchId"))).map(r -> r.get(0, Long.class)).one()
                .block()).isZero();
        assertThat(db.sql("select rank from search_click where search_id = :id")
                .bind("id", UUID.fromString((String) result.get("searchId"))).map(r -> r.get(0, Integer.class))
                .one().block()).isEqualTo(1);
        // the first page's assets are kept, for the unused-content report's "never surfaced"
        assertThat(db.sql("select shown from search_log where search_id = :id")
                .bind("id", UUID.fromString((String) result.get("searchId"))).map(r -> r.get(0, UUID[].class))
                .one().block()).isEmpty();
        assertThat(db.sql("select shown from search_log where search_id = :id")
                .bind("id", UUID.fromString((String) found.get("searchId"))).map(r -> r.get(0, UUID[].class))
                .one().block()).containsExactly(UUID.fromString(id));
        assertThat(db.sql("select count(*) from search_surfaced where asset_id = :id")
                .bind("id", UUID.fromString(id)).map(r -> r.get(0, Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void relatedAssetsAreTheMostAlikeOnesTheUserMaySee() {
        String word = unique("orchard");
        String a = publish("Apple " + word + " harvest guide", List.of(word + " apple harvest pruning irrigation"),
                Map.of(), null);
        String b = publish("Pear " + word + " harvest guide", List.of(word + " pear harvest pruning irrigation"),
                Map.of(), null);
        searchUntilFound(rep, "q=" + word, a);
        searchUntilFound(rep, "q=" + word, b);

        List<Map<String, Object>> related = http.get().uri("/api/v1/assets/" + a + "/related")
                .header("Authorization", rep).exchange().expectStatus().isOk()
                .expectBodyList(AssetClient.JSON_MAP).returnResult().getResponseBody();
        assertThat(related).extracting(h -> h.get("id")).contains(b).doesNotContain(a);
    }

    @Test
    void aNewLabelOfATaxonomyValueIsSearchableWithoutTouchingTheAssets() {
        String word = unique("labelcase");
        String id = publish("Labelled " + word, List.of("text"), Map.of("industry", List.of("retail")), null);
        searchUntilFound(rep, "q=" + word, id);
        String newLabel = unique("Shopkeeping");

        try {
            http.patch().uri("/api/v1/taxonomy/industry/values/retail").header("Authorization", admin)
                    .bodyValue(Map.of("label", newLabel)).exchange().expectStatus().isOk();

            searchUntilFound(rep, "q=" + newLabel + " " + word, id);
        } finally {
            // the taxonomy is shared by every test of the application: put the label back even when this one fails
            http.patch().uri("/api/v1/taxonomy/industry/values/retail").header("Authorization", admin)
                    .bodyValue(Map.of("label", "Retail")).exchange().expectStatus().isOk();
        }
    }

    @Test
    void theIndexCanBeCheckedRepairedAndRebuiltWhileSearchesGoOn() throws Exception {
        String word = unique("repairword");
        String id = publish("Repair " + word, List.of("text"), Map.of(), null);
        // its text and thumbnail done first: their index update, arriving after the loss below, would repair it
        marketer.derived(id);
        searchUntilFound(rep, "q=" + word, id);
        assertThat(check(false).get("missing")).isEqualTo(0);

        // lose a document behind the feed's back, as a damaged disk would
        long generation = index.serving().searcher().delete(id);
        index.serving().searcher().luceneIndex().waitForGeneration(generation, Duration.ofSeconds(5));
        assertThat(search(rep, "q=" + word).get("total")).isEqualTo(0);

        Map<String, Object> found = check(false);
        assertThat(found.get("missing")).isEqualTo(1);
        assertThat(found.get("missingIds")).asList().containsExactly(id);
        assertThat(found.get("repaired")).isEqualTo(false);
        Map<String, Object> repaired = check(true);
        assertThat(repaired.get("repaired")).isEqualTo(true);
        assertThat(search(rep, "q=" + word).get("total")).isEqualTo(1);
        assertThat(check(false).get("missing")).isEqualTo(0);

        String before = (String) status().get("generation");
        http.post().uri("/api/v1/search/index/rebuild").header("Authorization", rep).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/v1/search/index/rebuild").header("Authorization", admin).exchange()
                .expectStatus().isAccepted();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(search(rep, "q=" + word).get("total")).as("searches go on during the rebuild").isEqualTo(1);
            Map<String, Object> now = status();
            assertThat(now.get("state")).isEqualTo("READY");
            assertThat(now.get("generation")).isNotEqualTo(before);
        });
        Map<String, Object> after = check(false);
        assertThat(after.get("missing")).isEqualTo(0);
        assertThat(after.get("stale")).isEqualTo(0);
        assertThat(after.get("extra")).isEqualTo(0);
    }

    @Test
    void repsAskMarketingForMissingContentAndMarketersSeeIt() {
        String word = unique("missingcontent");
        http.post().uri("/api/v1/content-requests").header("Authorization", rep)
                .bodyValue(Map.of("query", word, "filters", "buyer_stage=decision", "note", "For a CFO in retail"))
                .exchange().expectStatus().isCreated();
        http.post().uri("/api/v1/content-requests").header("Authorization", rep).bodyValue(Map.of())
                .exchange().expectStatus().isBadRequest();
        http.get().uri("/api/v1/content-requests").header("Authorization", rep).exchange()
                .expectStatus().isForbidden();

        List<Map<String, Object>> open = http.get().uri("/api/v1/content-requests").header("Authorization",
                        marketerAuth).exchange().expectStatus().isOk().expectBodyList(AssetClient.JSON_MAP)
                .returnResult().getResponseBody();
        assertThat(open).anySatisfy(r -> {
            assertThat(r.get("query")).isEqualTo(word);
            assertThat(r.get("note")).isEqualTo("For a CFO in retail");
            assertThat(r.get("status")).isEqualTo("OPEN");
            assertThat(r.get("requestedBy")).as("the rep's display name").isEqualTo("search-rep Example");
        });
    }

    @Test
    void theOpenapiDescriptionDocumentsSearch() {
        http.get().uri("/api/v1/openapi").header("Authorization", rep).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/search'].get.parameters[?(@.name == 'buyer_stage')]").exists()
                .jsonPath("$.paths['/api/v1/search'].get.parameters[?(@.name == 'q')]").exists()
                .jsonPath("$.paths['/api/v1/search/suggest'].get").exists()
                .jsonPath("$.paths['/api/v1/assets/{id}/related'].get").exists()
                .jsonPath("$.paths['/api/v1/search'].get.parameters[*].name").value(names -> assertThat(
                        ((List<?>) names).stream().map(String::valueOf).toList()).as("a parameter per facet")
                        .containsAll(Facets.ALL));
    }

    // ---- helpers ----

    private static String unique(String word) {
        return word + UUID.randomUUID().toString().replace("-", "").substring(0, 8).replaceAll("[0-9]", "x");
    }

    private String publish(String title, List<String> pages, Map<String, List<String>> facets, String type) {
        return publish(title, pages, facets, type, List.of());
    }

    private String publish(String title, List<String> pages, Map<String, List<String>> facets, String type,
            List<String> tags) {
        return upload(title, pages, facets, type, "published", tags);
    }

    private String upload(String title, List<String> pages, Map<String, List<String>> facets, String type,
            String status) {
        return upload(title, pages, facets, type, status, List.of());
    }

    private String upload(String title, List<String> pages, Map<String, List<String>> facets, String type,
            String status, List<String> tags) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("facets", facets);
        metadata.put("tags", tags);
        metadata.put("status", status);
        if (type != null) {
            metadata.put("contentType", type);
        }
        byte[] pdf = TestFiles.pdf(title, "Search Test", pages);
        return (String) marketer.created(pdf, UUID.randomUUID() + ".pdf", metadata).get("id");
    }

    private Map<String, Object> search(String authorization, String query) {
        return http.get().uri("/api/v1/search?" + query).header("Authorization", authorization).exchange()
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }

    private Map<String, Object> searchUntilFound(String authorization, String query, String id) {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> search(authorization, query), result -> ids(result).contains(id));
    }

    private Map<String, Object> suggest(String authorization, String prefix) {
        return http.get().uri("/api/v1/search/suggest?q=" + prefix).header("Authorization", authorization)
                .exchange().expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult()
                .getResponseBody();
    }

    private Map<String, Object> check(boolean repair) {
        return http.post().uri("/api/v1/search/index/check?repair=" + repair).header("Authorization", admin)
                .exchange().expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult()
                .getResponseBody();
    }

    private Map<String, Object> status() {
        return http.get().uri("/api/v1/search/index").header("Authorization", admin).exchange()
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hits(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("hits");
    }

    private static List<String> ids(Map<String, Object> result) {
        return hits(result).stream().map(h -> (String) h.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> facet(Map<String, Object> result, String key) {
        return ((List<Map<String, Object>>) result.get("facets")).stream()
                .filter(f -> key.equals(f.get("key"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> value(Map<String, Object> facet, String key) {
        return ((List<Map<String, Object>>) facet.get("values")).stream()
                .filter(v -> key.equals(v.get("key"))).findFirst().orElse(Map.of("count", 0));
    }

    private static long count(Map<String, Object> result, String facet, String value) {
        return ((Number) value(facet(result, facet), value).get("count")).longValue();
    }
}
