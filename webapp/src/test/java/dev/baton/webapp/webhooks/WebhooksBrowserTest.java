package dev.baton.webapp.webhooks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.web.BrowserTest;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What an admin does on the webhooks pages: subscribe a receiver, copy the secret once, read the deliveries. */
class WebhooksBrowserTest extends BrowserTest {

    @Autowired
    Webhooks webhooks;

    private Receiver receiver;

    @AfterEach
    void closeReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void anAdminSubscribesAReceiverCopiesTheSecretOnceAndSeesItsDeliveries() {
        receiver = new Receiver(200);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin");
        page.getByRole(AriaRole.MAIN).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Webhooks"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Webhooks").setExact(true)))
                .isVisible();
        page.getByLabel("URL").fill(receiver.url());
        page.getByLabel("Description").fill("Browser receiver");
        page.getByLabel("deal.updated").check();
        button("Subscribe").click();

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Copy the signing secret now");
        String secret = page.locator("#webhook-secret").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(secret).startsWith("whsec_");
        assertThat(page.locator("#webhook-status")).hasText("Active");
        page.reload();
        assertThat(page.locator("#webhook-secret")).hasCount(0);

        webhooks.publish(Webhooks.DEAL_UPDATED, Map.of("dealId", "browser-deal")).block();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !receiver.received().isEmpty());
        org.assertj.core.api.Assertions.assertThat(receiver.received().getFirst().signedWith(secret)).isTrue();
        // the receiver has it; its answer is recorded a moment later
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            page.reload();
            return page.locator("#webhook-deliveries").textContent().contains("SUCCEEDED");
        });
        Locator deliveries = page.locator("#webhook-deliveries");
        assertThat(deliveries).containsText("deal.updated");
        assertThat(deliveries).containsText("SUCCEEDED");
        assertThat(deliveries).containsText("HTTP 200");

        button("Pause").click();
        assertThat(page.locator("#webhook-status")).hasText("Paused");
        button("Resume").click();
        assertThat(page.locator("#webhook-status")).hasText("Active");

        button("Delete").click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Deleted the subscription of " + receiver.url());
    }

    @Test
    void aTargetOnAPrivateAddressIsRefusedWithTheReasonAndTheFormKeepsWhatWasTyped() {
        signIn("admin", ADMIN_PASSWORD);
        page.navigate("/admin/webhooks");
        page.getByLabel("URL").fill("http://10.1.2.3/hook");
        page.getByLabel("asset.published").check();
        button("Subscribe").click();
        assertThat(page.locator("#webhook-problem")).containsText("resolves to 10.1.2.3, a private address");
        assertThat(page.getByLabel("URL")).hasValue("http://10.1.2.3/hook");
        assertThat(page.getByLabel("asset.published")).isChecked();
    }
}
