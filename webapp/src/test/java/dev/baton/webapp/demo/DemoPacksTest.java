package dev.baton.webapp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.AccountService;
import dev.baton.webapp.accounts.BatonUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

/** The demo has two published packs, a launch and a competitive one, with the demo reps' progress in them. */
class DemoPacksTest extends BatonTest {

    @Autowired
    DemoLibrary library;

    @Autowired
    DemoPacks demoPacks;

    @Autowired
    AccountService accounts;

    @Test
    @SuppressWarnings("unchecked")
    void theDemoRepsHaveALaunchAndACompetitivePackWithProgress() {
        for (DemoUser user : DemoDocuments.users()) {
            users.user(user.username(), user.role());
        }
        BatonUser admin = accounts.user("admin").block(Duration.ofSeconds(30));
        DemoDocuments.generate().stream()
                .filter(a -> a.expiresInDays() == null || a.expiresInDays() > 30)
                .filter(a -> a.title().contains("Analytics Studio") || "battlecard".equals(a.contentType()))
                .forEach(a -> library.store(a, admin));

        assertThat(demoPacks.loadPacks()).isEqualTo(2);

        List<Map<String, Object>> rita = http.get().uri("/api/v1/packs/assigned")
                .header("Authorization", basic("rita.rep", TestUsers.PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).returnResult()
                .getResponseBody();
        Map<String, Object> launch = rita.stream().filter(p -> p.get("title").equals("Analytics Studio launch"))
                .findFirst().orElseThrow();
        assertThat((Map<String, Object>) launch.get("progress")).containsEntry("complete", true)
                .containsEntry("quizPassed", true);
        List<Map<String, Object>> ravi = http.get().uri("/api/v1/packs/assigned")
                .header("Authorization", basic("ravi.rep", TestUsers.PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).returnResult()
                .getResponseBody();
        Map<String, Object> competitive = ravi.stream()
                .filter(p -> p.get("title").equals("Competitive: winning against the incumbents"))
                .findFirst().orElseThrow();
        assertThat((Map<String, Object>) competitive.get("progress")).containsEntry("complete", false)
                .containsEntry("overdue", true).containsEntry("itemsDone", 1);
        Map<String, Object> ravisLaunch = ravi.stream().filter(p -> p.get("title").equals("Analytics Studio launch"))
                .findFirst().orElseThrow();
        assertThat((Map<String, Object>) ravisLaunch.get("progress")).containsEntry("quizPassed", false)
                .containsEntry("bestScore", 50);
    }
}
