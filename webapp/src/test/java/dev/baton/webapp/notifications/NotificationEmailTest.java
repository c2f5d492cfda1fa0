package dev.baton.webapp.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Notification emails as a person receives them, through a real SMTP server (GreenMail). */
class NotificationEmailTest extends BatonTest {

    @Autowired
    Notifications notifications;

    @Autowired
    NotificationMail mail;

    @Test
    void aNotificationWantedAtOnceIsEmailedWithALinkIntoBaton() throws Exception {
        long rep = users.user("mail-now-rep", "REP").id();
        notifications.saveSettings(rep, "now-rep@example.com", true, Map.of()).block();

        notifications.notify(rep, "share.first_visit", "A buyer opened ROI guide",
                "jane@buyer.example read pages 1 to 3 in 2 minutes", "/deals/7").block();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> TestMail.to("now-rep@example.com").size() == 1);
        MimeMessage message = TestMail.to("now-rep@example.com").getFirst();
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("now-rep@example.com");
        assertThat(message.getSubject()).isEqualTo("[Baton] A buyer opened ROI guide");
        List<String> parts = TestMail.texts(message);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).contains("A buyer opened ROI guide", "jane@buyer.example read pages 1 to 3",
                "https://baton.test/deals/7");
        assertThat(parts.get(1)).contains("<a href=\"https://baton.test/deals/7\">", "jane@buyer.example");
    }

    @Test
    void aUserNameThatIsAnAddressIsUsedWhenNoAddressIsSet() {
        long rep = users.user("fallback.rep@example.com", "REP").id();

        notifications.notify(rep, "share.withdrawn", "Pricing sheet was withdrawn", null, null).block();

        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> TestMail.to("fallback.rep@example.com").size() == 1);
    }

    @Test
    void theDailySummarySendsOneEmailForSeveralNotifications() throws Exception {
        long rep = users.user("mail-daily-rep", "REP").id();
        notifications.saveSettings(rep, "daily-rep@example.com", true, Map.of(
                NotificationKind.SHARE_FIRST_VISIT, Notifications.Delivery.DAILY,
                NotificationKind.SHARE_SUPERSEDED, Notifications.Delivery.DAILY)).block();

        notifications.notify(rep, "share.first_visit", "Acme opened the ROI guide", "2 minutes", "/deals/1").block();
        notifications.notify(rep, "share.first_visit", "Globex opened the case study", null, "/deals/2").block();
        notifications.notify(rep, "share.superseded", "The pricing deck has version 4", null, null).block();
        mail.sendDailySummaries();
        mail.sendDailySummaries();

        List<MimeMessage> received = TestMail.to("daily-rep@example.com");
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getSubject()).isEqualTo("[Baton] Your daily summary: 3 notifications");
        String plain = TestMail.texts(received.getFirst()).getFirst();
        assertThat(plain).contains("Acme opened the ROI guide", "https://baton.test/deals/1",
                "Globex opened the case study", "The pricing deck has version 4",
                "https://baton.test/notifications");
        assertThat(plain.indexOf("Acme")).isLessThan(plain.indexOf("Globex"));
    }

    @Test
    void notByEmailSendsNone() {
        long rep = users.user("mail-none-rep", "REP").id();
        notifications.saveSettings(rep, "none-rep@example.com", true, Map.of(
                NotificationKind.SHARE_FIRST_VISIT, Notifications.Delivery.NONE)).block();

        notifications.notify(rep, "share.first_visit", "Not emailed", null, null).block();
        // a later notification wanted at once: emails go out in order, so once it is in, the first would be too
        notifications.notify(rep, "share.withdrawn", "Emailed", null, null).block();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> TestMail.to("none-rep@example.com").size() == 1);
        mail.sendDailySummaries();

        assertThat(TestMail.to("none-rep@example.com")).extracting(m -> TestMail.subject(m)).containsExactly("[Baton] Emailed");
        assertThat(notifications.unreadCount(rep).block()).isEqualTo(2);
    }
}
