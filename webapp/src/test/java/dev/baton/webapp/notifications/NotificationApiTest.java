package dev.baton.webapp.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** The notifications API: what another package's {@link Notifications#notify} leaves for a person to read. */
class NotificationApiTest extends BatonTest {

    @Autowired
    Notifications notifications;

    @Test
    void aNotificationIsListedUnreadUntilMarkedRead() {
        long rep = users.user("notify-api-rep", "REP").id();
        String auth = basic("notify-api-rep", TestUsers.PASSWORD);
        notifications.notify(rep, "share.first_visit", "A buyer opened ROI guide",
                "jane@buyer.example read 3 pages in 2 minutes", "/deals/7").block();
        notifications.notify(rep, NotificationKind.SHARE_WITHDRAWN, "Pricing sheet was withdrawn", null, null)
                .block();

        http.get().uri("/api/v1/notifications").header("Authorization", auth).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.unread").isEqualTo(2)
                .jsonPath("$.notifications[0].title").isEqualTo("Pricing sheet was withdrawn")
                .jsonPath("$.notifications[0].kind").isEqualTo("share.withdrawn")
                .jsonPath("$.notifications[1].title").isEqualTo("A buyer opened ROI guide")
                .jsonPath("$.notifications[1].body").isEqualTo("jane@buyer.example read 3 pages in 2 minutes")
                .jsonPath("$.notifications[1].link").isEqualTo("/deals/7")
                .jsonPath("$.notifications[1].readAt").isEmpty();
        Object id = first(http.get().uri("/api/v1/notifications?unread=true").header("Authorization", auth)
                .exchange().expectBody(Map.class).returnResult().getResponseBody(), 1).get("id");

        http.post().uri("/api/v1/notifications/" + id + "/read").header("Authorization", auth).exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/v1/notifications/unread-count").header("Authorization", auth).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.unread").isEqualTo(1);
        http.post().uri("/api/v1/notifications/read-all").header("Authorization", auth).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.marked").isEqualTo(1);
        http.get().uri("/api/v1/notifications?unread=true").header("Authorization", auth).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.unread").isEqualTo(0)
                .jsonPath("$.notifications.length()").isEqualTo(0);
    }

    @Test
    void nobodyReadsOrMarksAnotherPersonsNotifications() {
        long owner = users.user("notify-api-owner", "REP").id();
        users.user("notify-api-other", "ADMIN");
        notifications.notify(owner, "share.superseded", "Deck v3 replaced v2", null, "/assets/x").block();
        Object id = first(http.get().uri("/api/v1/notifications").header("Authorization",
                        basic("notify-api-owner", TestUsers.PASSWORD))
                .exchange().expectBody(Map.class).returnResult().getResponseBody(), 0).get("id");
        String other = basic("notify-api-other", TestUsers.PASSWORD);

        http.get().uri("/api/v1/notifications").header("Authorization", other).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.notifications[?(@.title == 'Deck v3 replaced v2')]")
                .doesNotExist();
        http.post().uri("/api/v1/notifications/" + id + "/read").header("Authorization", other).exchange()
                .expectStatus().isNotFound();
        assertThat(notifications.unreadCount(owner).block()).isEqualTo(1);
    }

    @Test
    void aKindNotDeclaredIsRefused() {
        long rep = users.user("notify-api-kind", "REP").id();

        assertThatThrownBy(() -> notifications.notify(rep, "share.exploded", "Boom", null, null).block())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NotificationKind");
    }

    @Test
    void eachPersonChoosesPerKindHowTheyAreEmailed() {
        users.user("notify-api-prefs", "MARKETER");
        String auth = basic("notify-api-prefs", TestUsers.PASSWORD);

        http.get().uri("/api/v1/notifications/preferences").header("Authorization", auth).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.emailAvailable").isEqualTo(true)
                .jsonPath("$.email").doesNotExist()
                .jsonPath("$.deliveries['share.first_visit']").isEqualTo("NOW")
                .jsonPath("$.kinds[0].key").isEqualTo("share.first_visit");
        put(auth, Map.of("email", "prefs@example.com", "deliveries", Map.of("share.first_visit", "daily",
                        "webhook.paused", "NONE")))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.email").isEqualTo("prefs@example.com")
                .jsonPath("$.effectiveEmail").isEqualTo("prefs@example.com")
                .jsonPath("$.deliveries['share.first_visit']").isEqualTo("DAILY")
                .jsonPath("$.deliveries['webhook.paused']").isEqualTo("NONE")
                .jsonPath("$.deliveries['share.withdrawn']").isEqualTo("NOW");
        put(auth, Map.of("deliveries", Map.of("share.first_visit", "weekly", "share.nothing", "NOW")))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(((List<?>) fields).stream().map(String::valueOf))
                        .containsExactlyInAnyOrder("deliveries.share.first_visit", "deliveries.share.nothing"));
        put(auth, Map.of("email", "not an address")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("email");
        http.get().uri("/api/v1/notifications/preferences").header("Authorization", auth).exchange()
                .expectBody().jsonPath("$.deliveries['share.first_visit']").isEqualTo("DAILY");
    }

    private static Map<?, ?> first(Map<?, ?> list, int index) {
        return (Map<?, ?>) ((List<?>) list.get("notifications")).get(index);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec put(String auth, Object body) {
        return http.put().uri("/api/v1/notifications/preferences").header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
