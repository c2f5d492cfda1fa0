package dev.baton.webapp.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.PageSession;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.content.AssetVisibility;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a rep may see is judged on one day, UTC, by the library's list, the asset's API and page, and search alike: just
 * before and just after midnight UTC, with the JVM's default time zone set to one where the local date is another, the
 * four agree on every asset, and agree with {@link AssetVisibility}'s rule. Judged by the JVM's zone or the database's
 * {@code current_date}, search listed an asset that then answered 404 (or the other way round) around midnight.
 */
class ExpiryAtMidnightTest extends BatonTest {

    @Autowired
    TestClock clock;

    @Test
    void searchTheLibraryAndTheAssetPageAgreeOnExpiryJustBeforeAndAfterMidnightUtc() {
        users.user("midnight-marketer", "MARKETER");
        users.user("midnight-rep", "REP");
        AssetClient marketer = new AssetClient(http, basic("midnight-marketer", TestUsers.PASSWORD));
        String rep = basic("midnight-rep", TestUsers.PASSWORD);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(40);
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        TimeZone jvmZone = TimeZone.getDefault();
        try {
            clock.pin(midnight.minusSeconds(30));
            // already the next day there: a date judged by the JVM's zone would call the asset expired too early
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            String word = "midnight" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
            Map<String, LocalDate> expiries = new LinkedHashMap<>();
            String expiresAtMidnight = publish(marketer, word, "expires at midnight", day, "published");
            expiries.put(expiresAtMidnight, day);
            String expiredBefore = publish(marketer, word, "expired the day before", day.minusDays(1), "published");
            expiries.put(expiredBefore, day.minusDays(1));
            String expiresNextDay = publish(marketer, word, "expires a day later", day.plusDays(1), "published");
            expiries.put(expiresNextDay, day.plusDays(1));
            String lasting = publish(marketer, word, "never expires", null, "published");
            expiries.put(lasting, null);
            String draft = publish(marketer, word, "a draft", null, "draft");
            expiries.put(draft, null);
            Set<String> drafts = Set.of(draft);
            String marketerAuth = basic("midnight-marketer", TestUsers.PASSWORD);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ids(search(marketerAuth, "q=" + word + "&scope=all")),
                            found -> found.containsAll(expiries.keySet()));
            PageSession page = PageSession.signIn(baseUrl(), "midnight-rep", TestUsers.PASSWORD);

            Set<String> before = Set.of(expiresAtMidnight, expiresNextDay, lasting);
            assertThat(ruleSays(expiries, drafts, day.minusDays(1))).isEqualTo(before);
            assertEveryViewShows(before, expiries.keySet(), rep, word, page);

            clock.pin(midnight.plusSeconds(30));
            // still the day before there: a date judged by the JVM's zone would keep the asset a day too long
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Honolulu"));
            Set<String> after = Set.of(expiresNextDay, lasting);
            assertThat(ruleSays(expiries, drafts, day)).isEqualTo(after);
            assertEveryViewShows(after, expiries.keySet(), rep, word, page);
            assertThat(marketer.get(expiresAtMidnight).get("expired")).isEqualTo(true);
            assertThat(marketer.get(expiresNextDay).get("expired")).isEqualTo(false);
        } finally {
            clock.release();
            TimeZone.setDefault(jvmZone);
        }
    }

    /** Search, the library's list, the asset's API and its page each show the rep exactly {@code visible}. */
    private void assertEveryViewShows(Set<String> visible, Set<String> all, String rep, String word,
            PageSession page) {
        assertThat(Set.copyOf(ids(search(rep, "q=" + word)))).as("search").isEqualTo(visible);
        Set<String> listed = new HashSet<>(libraryIds(rep));
        listed.retainAll(all);
        assertThat(listed).as("the library's list").isEqualTo(visible);
        for (String id : all) {
            int api = http.get().uri("/api/v1/assets/" + id).header("Authorization", rep).exchange()
                    .returnResult(String.class).getStatus().value();
            int html = page.get("/assets/" + id).statusCode();
            int expected = visible.contains(id) ? 200 : 404;
            assertThat(api).as("the API's answer for " + id).isEqualTo(expected);
            assertThat(html).as("the page's answer for " + id).isEqualTo(expected);
        }
    }

    private static Set<String> ruleSays(Map<String, LocalDate> expiries, Set<String> drafts, LocalDate today) {
        Set<String> visible = new HashSet<>();
        expiries.forEach((id, expiresOn) -> {
            if (AssetVisibility.visibleToRep(drafts.contains(id) ? "DRAFT" : "PUBLISHED", expiresOn, today)) {
                visible.add(id);
            }
        });
        return visible;
    }

    private static String publish(AssetClient marketer, String word, String title, LocalDate expiresOn,
            String status) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", word + " " + title);
        metadata.put("status", status);
        if (expiresOn != null) {
            metadata.put("expiresOn", expiresOn.toString());
        }
        byte[] pdf = TestFiles.pdf(title, "Midnight Test", List.of("The " + word + " asset that " + title + "."));
        return (String) marketer.created(pdf, UUID.randomUUID() + ".pdf", metadata).get("id");
    }

    private Map<String, Object> search(String authorization, String query) {
        return http.get().uri("/api/v1/search?size=100&" + query).header("Authorization", authorization).exchange()
                .expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<String> libraryIds(String authorization) {
        Map<String, Object> page = http.get().uri("/api/v1/assets?size=100").header("Authorization", authorization)
                .exchange().expectStatus().isOk().expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(a -> (String) a.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> result) {
        return ((List<Map<String, Object>>) result.get("hits")).stream().map(h -> (String) h.get("id")).toList();
    }
}
