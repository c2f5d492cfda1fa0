package dev.baton.webapp.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reps' feedback on assets and marketing's replies, through the API, as each of them sees it. */
class FeedbackApiTest extends BatonTest {

    @Autowired
    TestClock clock;

    private FeedbackClient client;
    private String marketer;
    private String rep;
    private String otherRep;

    @BeforeEach
    void people() {
        users.user("fb-marketer", "MARKETER");
        users.user("fb-rep", "REP");
        users.user("fb-other-rep", "REP");
        marketer = basic("fb-marketer", TestUsers.PASSWORD);
        rep = basic("fb-rep", TestUsers.PASSWORD);
        otherRep = basic("fb-other-rep", TestUsers.PASSWORD);
        client = new FeedbackClient(http);
    }

    @Test
    @SuppressWarnings("unchecked")
    void repsRateCommentAndFlagAndTheOwnersReplyReachesTheRep() {
        String id = client.publish(marketer, "Pricing sheet " + System.nanoTime(), "pricing for retail");
        String asset = "/api/v1/feedback/assets/" + id;

        assertThat(client.json("PUT", asset + "/rating", rep, Map.of("stars", 4), 200).get("myRating"))
                .isEqualTo(4);
        Map<String, Object> rated = client.json("PUT", asset + "/rating", otherRep, Map.of("stars", 1), 200);
        assertThat(rated.get("averageRating")).isEqualTo(2.5);
        assertThat(rated.get("ratings")).isEqualTo(2);
        // a second rating replaces the first
        assertThat(client.json("PUT", asset + "/rating", otherRep, Map.of("stars", 2), 200).get("averageRating"))
                .isEqualTo(3.0);
        assertThat(client.json("PUT", asset + "/rating", rep, Map.of("stars", 6), 400).get("detail").toString())
                .contains("1 to 5");

        Map<String, Object> flag = client.json("POST", asset + "/flags", rep,
                Map.of("reason", "outdated", "note", "The 2025 prices are gone"), 201);
        assertThat(flag.get("reasonLabel")).isEqualTo("Outdated");
        assertThat(client.json("POST", asset + "/flags", rep, Map.of("reason", "boring"), 400).get("detail")
                .toString()).contains("OUTDATED", "BROKEN_FILE");
        client.json("POST", asset + "/comments", otherRep, Map.of("body", "Add a page for healthcare"), 201);

        assertThat(client.titles(marketer, "feedback.received")).contains(
                "fb-rep Example flagged “" + title(id) + "”: Outdated",
                "fb-other-rep Example commented on “" + title(id) + "”");

        Map<String, Object> inbox = client.json("GET", "/api/v1/feedback/inbox", marketer, null, 200);
        List<Map<String, Object>> items = (List<Map<String, Object>>) inbox.get("items");
        Map<String, Object> inboxFlag = items.stream().filter(i -> i.get("id").equals(flag.get("id"))).findFirst()
                .orElseThrow();
        assertThat(inboxFlag.get("assetTitle")).isEqualTo(title(id));
        assertThat(inboxFlag.get("body")).isEqualTo("The 2025 prices are gone");
        assertThat(inboxFlag.get("by")).isEqualTo("fb-rep Example");
        assertThat(items).anySatisfy(i -> assertThat(i.get("body")).isEqualTo("Add a page for healthcare"));
        client.send("GET", "/api/v1/feedback/inbox", rep, null).expectStatus().isForbidden();

        client.json("POST", "/api/v1/feedback/" + flag.get("id") + "/reply", marketer,
                Map.of("reply", "Updated in version 2, thanks"), 200);
        assertThat(client.titles(rep, "feedback.reply")).contains(
                "fb-marketer Example replied to your flag (Outdated) on “" + title(id) + "”");
        List<Map<String, Object>> repSees = (List<Map<String, Object>>) client.json("GET", asset, rep, null, 200)
                .get("items");
        assertThat(repSees).singleElement().satisfies(i -> {
            assertThat(i.get("reply")).isEqualTo("Updated in version 2, thanks");
            assertThat(i.get("repliedBy")).isEqualTo("fb-marketer Example");
        });
        assertThat((List<Map<String, Object>>) client.json("GET", asset, otherRep, null, 200).get("items"))
                .as("a rep sees their own feedback, not another's").singleElement()
                .satisfies(i -> assertThat(i.get("kind")).isEqualTo("COMMENT"));
        List<Map<String, Object>> unanswered = (List<Map<String, Object>>) client.json("GET",
                "/api/v1/feedback/inbox", marketer, null, 200).get("items");
        assertThat(unanswered).noneSatisfy(i -> assertThat(i.get("id")).isEqualTo(flag.get("id")));
    }

    @Test
    void whyNotSharedIsAskedOnceADayAfterTheRepCameBackWithoutSharing() {
        users.user("fb-asked-rep", "REP");
        String asked = basic("fb-asked-rep", TestUsers.PASSWORD);
        String first = client.publish(marketer, "Retail case study " + System.nanoTime(), "a retailer's story");
        String second = client.publish(marketer, "Bank case study " + System.nanoTime(), "a bank's story");
        view(asked, first);
        view(asked, second);
        assertThat(ask(asked, first)).as("not while the first visit goes on").isFalse();

        Instant later = Instant.now().plus(Duration.ofHours(1));
        try {
            clock.pin(later);
            assertThat(ask(asked, first)).as("came back without sharing").isTrue();
            assertThat(ask(asked, second)).as("one question a day").isFalse();
            assertThat(ask(asked, first)).as("the same question again on a reload").isTrue();
            assertThat(client.json("POST", "/api/v1/feedback/assets/" + first + "/not-shared", asked,
                    Map.of("reason", "TOO_LONG"), 201).get("reasonLabel")).isEqualTo("Too long");
            assertThat(ask(asked, first)).as("answered").isFalse();
            assertThat(ask(asked, second)).as("still one question a day").isFalse();

            clock.pin(later.plus(Duration.ofDays(1)));
            assertThat(ask(asked, first)).as("answered since the last opening").isFalse();
            assertThat(ask(asked, second)).as("a new day").isTrue();
        } finally {
            clock.release();
        }
        assertThat(client.json("GET", "/api/v1/feedback/inbox", marketer, null, 200).get("notShared").toString())
                .contains("Too long");
        assertThat(ask(marketer, first)).as("marketers are never asked").isFalse();
    }

    private void view(String authorization, String id) {
        client.send("POST", "/api/v1/assets/" + id + "/usage", authorization, Map.of("action", "view"))
                .expectStatus().is2xxSuccessful();
    }

    private boolean ask(String authorization, String id) {
        return (Boolean) client.json("GET", "/api/v1/feedback/assets/" + id + "?prompt=true", authorization, null,
                200).get("askWhyNotShared");
    }

    private String title(String id) {
        return (String) client.json("GET", "/api/v1/assets/" + id, marketer, null, 200).get("title");
    }
}
