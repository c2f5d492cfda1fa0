package dev.baton.webapp.packs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestClock;
import dev.baton.webapp.TestMail;
import dev.baton.webapp.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pack reminders and nudges as reps receive them, through a real SMTP server (GreenMail): before the due date and
 * when overdue, at most one reminder email a day per rep across all packs, nothing for completed reps or retired
 * packs; a trainer's nudge of the overdue. The clock is pinned to days long past, so the packs of other tests (due
 * around today) are not due for reminders then.
 */
class PackReminderTest extends BatonTest {

    @Autowired
    PackReminders reminders;

    @Autowired
    TestClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    private void day(String date) {
        clock.pin(Instant.parse(date + "T08:00:00Z"));
    }

    private String auth(String name) {
        return basic(name, TestUsers.PASSWORD);
    }

    private PackClient api() {
        return new PackClient(http);
    }

    /** Creates and publishes a pack of one must-read note (and the quiz, if any) for these people; its id. */
    private long publish(String trainer, String title, String dueOn, List<Long> people, Object quiz) {
        Map<String, Object> pack = new LinkedHashMap<>();
        pack.put("title", title);
        pack.put("goal", "Know it before the call");
        pack.put("dueOn", dueOn);
        pack.put("audience", Map.of("accountIds", people));
        pack.put("items", List.of(Map.of("kind", "NOTE", "title", "Talk track", "body", "Lead with value.",
                "mustRead", true)));
        pack.put("quiz", quiz);
        long id = ((Number) api().json("POST", "/api/v1/packs", auth(trainer), pack, 201).get("id")).longValue();
        api().json("POST", "/api/v1/packs/" + id + "/publish", auth(trainer), null, 200);
        return id;
    }

    @SuppressWarnings("unchecked")
    private void complete(long id, String rep) {
        Map<String, Object> view = api().json("GET", "/api/v1/packs/assigned/" + id, auth(rep), null, 200);
        List<Map<String, Object>> items = (List<Map<String, Object>>) ((Map<String, Object>) view.get("content"))
                .get("items");
        String key = (String) items.getFirst().get("key");
        api().json("POST", "/api/v1/packs/assigned/" + id + "/items/" + key + "/open", auth(rep), null, 200);
        api().json("POST", "/api/v1/packs/assigned/" + id + "/items/" + key + "/acknowledge", auth(rep), null, 200);
    }

    /** The pack reminder and nudge emails this address received (not the daily summaries other tests send). */
    private static List<MimeMessage> reminderMails(String address) {
        return TestMail.to(address).stream().filter(m -> {
            String subject = TestMail.subject(m);
            return subject.startsWith("[Baton] Reminder") || subject.startsWith("[Baton] Overdue")
                    || subject.contains("asks you to finish");
        }).toList();
    }

    private List<String> reminderNotices(String rep) {
        return api().notificationTitles(auth(rep), "pack.reminder");
    }

    @Test
    void repsGetOneReminderEmailADayListingEveryPackDueBeforeAndAfterItsDueDate() throws Exception {
        users.user("prt-trainer", "TRAINER");
        String rep = "prt-rep@example.com";
        long repId = users.user(rep, "REP").id();
        day("2025-02-03");
        long launch = publish("prt-trainer", "Launch pack prt", "2025-02-05", List.of(repId), null);
        long rivals = publish("prt-trainer", "Rivals pack prt", "2025-02-04", List.of(repId), null);
        // due in ten days: not yet
        publish("prt-trainer", "Later pack prt", "2025-02-13", List.of(repId), null);

        // two packs due soon: one email naming both, each with its due date and link
        reminders.remind().block();
        List<MimeMessage> mails = reminderMails(rep);
        assertThat(mails).hasSize(1);
        assertThat(TestMail.subject(mails.getFirst())).isEqualTo("[Baton] Reminder: 2 enablement packs to finish");
        List<String> parts = TestMail.texts(mails.getFirst());
        assertThat(parts.getFirst()).contains("Reminder: “Rivals pack prt” is due 2025-02-04 (in 1 day)",
                "Reminder: “Launch pack prt” is due 2025-02-05 (in 2 days)", "You have done 0 of 1 item.",
                "https://baton.test/packs/" + launch, "https://baton.test/packs/" + rivals).doesNotContain("Later");
        assertThat(parts.get(1)).contains("<a href=\"https://baton.test/packs/" + launch + "\">Launch pack prt</a>");
        assertThat(reminderNotices(rep)).containsExactlyInAnyOrder(
                "Reminder: “Rivals pack prt” is due 2025-02-04 (in 1 day)",
                "Reminder: “Launch pack prt” is due 2025-02-05 (in 2 days)");

        // the scan again the same day (another node, a restart): nothing more
        reminders.remind().block();
        assertThat(reminderMails(rep)).hasSize(1);
        assertThat(reminderNotices(rep)).hasSize(2);

        // a pack published later that day is due soon too, but today's email went: it waits for tomorrow
        long urgent = publish("prt-trainer", "Urgent pack prt", "2025-02-06", List.of(repId), null);
        reminders.remind().block();
        assertThat(reminderMails(rep)).hasSize(1);
        assertThat(reminderNotices(rep)).hasSize(2);

        // the next day: only the new one (the others were reminded already), once however often the scan runs
        day("2025-02-04");
        reminders.remind().block();
        reminders.remind().block();
        mails = reminderMails(rep);
        assertThat(mails).hasSize(2);
        assertThat(TestMail.subject(mails.get(1))).isEqualTo("[Baton] Reminder: “Urgent pack prt” is due 2025-02-06 (in 2 days)");
        assertThat(TestMail.texts(mails.get(1)).getFirst()).contains("https://baton.test/packs/" + urgent)
                .doesNotContain("Launch pack prt", "Rivals pack prt");

        // the day after the rivals pack was due: overdue, once
        day("2025-02-05");
        reminders.remind().block();
        reminders.remind().block();
        mails = reminderMails(rep);
        assertThat(mails).hasSize(3);
        assertThat(TestMail.subject(mails.get(2))).isEqualTo("[Baton] Overdue: “Rivals pack prt” was due 2025-02-04");
        assertThat(TestMail.texts(mails.get(2)).getFirst()).contains("https://baton.test/packs/" + rivals);
    }

    @Test
    void completedRepsRetiredPacksAndRepsWhoWantNoEmailGetNoReminderEmail() throws Exception {
        users.user("prc-trainer", "TRAINER");
        String done = "prc-done@example.com";
        String behind = "prc-behind@example.com";
        String quiet = "prc-quiet@example.com";
        long doneId = users.user(done, "REP").id();
        long behindId = users.user(behind, "REP").id();
        long quietId = users.user(quiet, "REP").id();
        api().json("PUT", "/api/v1/notifications/preferences", auth(quiet),
                Map.of("deliveries", Map.of("pack.reminder", "NONE")), 200);
        day("2025-03-03");
        long kept = publish("prc-trainer", "Kept pack prc", "2025-03-04", List.of(doneId, behindId, quietId), null);
        long retired = publish("prc-trainer", "Retired pack prc", "2025-03-04", List.of(doneId, behindId), null);
        complete(kept, done);
        api().json("POST", "/api/v1/packs/" + retired + "/retire", auth("prc-trainer"), null, 200);

        reminders.remind().block();
        day("2025-03-05");
        reminders.remind().block();

        assertThat(reminderMails(done)).isEmpty();
        assertThat(reminderNotices(done)).isEmpty();
        assertThat(reminderMails(behind)).extracting(TestMail::subject).containsExactly(
                "[Baton] Reminder: “Kept pack prc” is due 2025-03-04 (in 1 day)",
                "[Baton] Overdue: “Kept pack prc” was due 2025-03-04");
        assertThat(reminderNotices(behind)).noneMatch(t -> t.contains("Retired pack prc"));
        // no email wanted: told in Baton only
        assertThat(reminderMails(quiet)).isEmpty();
        assertThat(reminderNotices(quiet)).containsExactlyInAnyOrder(
                "Reminder: “Kept pack prc” is due 2025-03-04 (in 1 day)",
                "Overdue: “Kept pack prc” was due 2025-03-04");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTrainerNudgesTheOverdueAndANudgeEmailsOnlyThoseWithoutAReminderEmailToday() throws Exception {
        users.user("prn-trainer", "TRAINER");
        String late = "prn-late@example.com";
        String later = "prn-later@example.com";
        String passed = "prn-passed@example.com";
        long lateId = users.user(late, "REP").id();
        long laterId = users.user(later, "REP").id();
        long passedId = users.user(passed, "REP").id();
        day("2025-04-01");
        Map<String, Object> quiz = Map.of("passMark", 100, "questions", List.of(
                Map.of("text", "Who signs?", "choices", List.of("The CFO", "The intern"), "correct", 0),
                Map.of("text", "What do we lead with?", "choices", List.of("Price", "Value"), "correct", 1)));
        long id = publish("prn-trainer", "Nudged pack prn", "2025-04-03", List.of(lateId, laterId, passedId), quiz);
        Map<String, Object> view = api().json("GET", "/api/v1/packs/assigned/" + id, auth(passed), null, 200);
        List<String> questions = ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) view
                .get("content")).get("quiz")).get("questions")).stream().map(q -> (String) q.get("key")).toList();
        complete(id, passed);
        api().json("POST", "/api/v1/packs/assigned/" + id + "/quiz", auth(passed),
                Map.of("answers", Map.of(questions.get(0), 0, questions.get(1), 1)), 200);
        api().json("GET", "/api/v1/packs/assigned/" + id, auth(late), null, 200);
        api().json("POST", "/api/v1/packs/assigned/" + id + "/quiz", auth(late),
                Map.of("answers", Map.of(questions.get(0), 0, questions.get(1), 0)), 200);
        day("2025-04-05");

        // the trainer sees who is overdue and which question most people miss
        Map<String, Object> progress = api().json("GET", "/api/v1/packs/" + id + "/progress", auth("prn-trainer"),
                null, 200);
        assertThat((List<Map<String, Object>>) progress.get("overdue")).extracting(r -> r.get("name"))
                .containsExactlyInAnyOrder(late + " Example", later + " Example");
        assertThat((List<Map<String, Object>>) progress.get("questions")).extracting(q -> q.get("text"),
                        q -> q.get("answered"), q -> q.get("missed"), q -> q.get("missedPercent"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("What do we lead with?", 2, 1, 50),
                        org.assertj.core.groups.Tuple.tuple("Who signs?", 2, 0, 0));

        // reps may not nudge
        api().send("POST", "/api/v1/packs/" + id + "/nudge", auth(late), null).expectStatus().isForbidden();

        // the nudge: each overdue rep is told in Baton and by email; the rep who completed is not
        assertThat(api().json("POST", "/api/v1/packs/" + id + "/nudge", auth("prn-trainer"), null, 200))
                .containsEntry("overdue", 2).containsEntry("emailed", 2).containsEntry("notifiedOnly", 0);
        List<MimeMessage> lateMails = reminderMails(late);
        assertThat(lateMails).hasSize(1);
        assertThat(TestMail.subject(lateMails.getFirst())).isEqualTo("[Baton] prn-trainer Example asks you to finish "
                + "“Nudged pack prn” (due 2025-04-03)");
        assertThat(TestMail.texts(lateMails.getFirst()).getFirst()).contains("It was due 2025-04-03.",
                "the quiz is not passed yet", "https://baton.test/packs/" + id);
        assertThat(reminderMails(later)).hasSize(1);
        assertThat(reminderNotices(late)).containsExactly("prn-trainer Example asks you to finish “Nudged pack prn”");
        assertThat(reminderMails(passed)).isEmpty();
        assertThat(reminderNotices(passed)).isEmpty();
        // the nudge was the overdue reminder: the scan sends no other, that day or the next
        reminders.remind().block();
        assertThat(reminderMails(late)).hasSize(1);

        // the next day the later rep gets a reminder email of another pack, then the trainer nudges again
        day("2025-04-06");
        publish("prn-trainer", "Other pack prn", "2025-04-07", List.of(laterId), null);
        reminders.remind().block();
        assertThat(reminderMails(late)).hasSize(1);
        assertThat(reminderMails(later)).extracting(TestMail::subject).last()
                .isEqualTo("[Baton] Reminder: “Other pack prn” is due 2025-04-07 (in 1 day)");
        assertThat(api().json("POST", "/api/v1/packs/" + id + "/nudge", auth("prn-trainer"), null, 200))
                .containsEntry("overdue", 2).containsEntry("emailed", 1).containsEntry("notifiedOnly", 1);
        assertThat(reminderMails(late)).hasSize(2);
        assertThat(reminderMails(later)).hasSize(2);
        assertThat(reminderNotices(later)).filteredOn(t -> t.contains("asks you to finish")).hasSize(2);
        // and once more the same day: in Baton only
        assertThat(api().json("POST", "/api/v1/packs/" + id + "/nudge", auth("prn-trainer"), null, 200))
                .containsEntry("overdue", 2).containsEntry("emailed", 0).containsEntry("notifiedOnly", 2);
        assertThat(reminderMails(late)).hasSize(2);

        // a retired pack has nobody to nudge
        api().json("POST", "/api/v1/packs/" + id + "/retire", auth("prn-trainer"), null, 200);
        api().json("POST", "/api/v1/packs/" + id + "/nudge", auth("prn-trainer"), null, 409);
    }

    @Test
    void publishingANewPackOrVersionEmailsTheAudienceAsTheyChose() throws Exception {
        users.user("prp-trainer", "TRAINER");
        String rep = "prp-rep@example.com";
        long repId = users.user(rep, "REP").id();
        api().json("PUT", "/api/v1/notifications/preferences", auth(rep),
                Map.of("deliveries", Map.of("pack.published", "NOW")), 200);
        long id = publish("prp-trainer", "Published pack prp", "2030-06-01", List.of(repId), null);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> TestMail.to(rep).size() == 1);
        MimeMessage mail = TestMail.to(rep).getFirst();
        assertThat(TestMail.subject(mail)).isEqualTo("[Baton] New pack for you: Published pack prp");
        assertThat(TestMail.texts(mail).getFirst()).contains("Know it before the call", "Due 2030-06-01.",
                "https://baton.test/packs/" + id);

        api().json("POST", "/api/v1/packs/" + id + "/revise", auth("prp-trainer"), null, 200);
        api().json("POST", "/api/v1/packs/" + id + "/publish", auth("prp-trainer"), null, 200);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> TestMail.to(rep).size() == 2);
        assertThat(TestMail.subject(TestMail.to(rep).get(1)))
                .isEqualTo("[Baton] A pack of yours changed: Published pack prp (version 2)");
    }
}
