package dev.baton.webapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signaturesMatchTheStandardWebhooksPublishedTestVector() {
        // from the Standard Webhooks specification's reference implementations
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature = WebhookSigner.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSignatureVerifiesOnlyWithItsSecretItsIdItsTimestampAndItsBody() {
        String secret = WebhookSigner.newSecret();
        String header = WebhookSigner.header(List.of(secret), "msg_1", 1700000000, "{\"a\":1}");
        assertThat(WebhookSigner.verify(secret, "msg_1", 1700000000, "{\"a\":1}", header)).isTrue();
        assertThat(WebhookSigner.verify(WebhookSigner.newSecret(), "msg_1", 1700000000, "{\"a\":1}", header)).isFalse();
        assertThat(WebhookSigner.verify(secret, "msg_2", 1700000000, "{\"a\":1}", header)).isFalse();
        assertThat(WebhookSigner.verify(secret, "msg_1", 1700000001, "{\"a\":1}", header)).isFalse();
        assertThat(WebhookSigner.verify(secret, "msg_1", 1700000000, "{\"a\":2}", header)).isFalse();
    }

    @Test
    void duringARotationTheHeaderCarriesASignatureForEachSecret() {
        String next = WebhookSigner.newSecret();
        String previous = WebhookSigner.newSecret();
        String header = WebhookSigner.header(List.of(next, previous), "msg_1", 1700000000, "{}");
        assertThat(header.split(" ")).hasSize(2).allMatch(part -> part.startsWith("v1,"));
        assertThat(WebhookSigner.verify(next, "msg_1", 1700000000, "{}", header)).isTrue();
        assertThat(WebhookSigner.verify(previous, "msg_1", 1700000000, "{}", header)).isTrue();
    }

    @Test
    void aNewSecretIsWhsecAnd256RandomBits() {
        String secret = WebhookSigner.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheLongestWait() {
        Duration first = Duration.ofSeconds(30);
        Duration max = Duration.ofHours(6);
        assertThat(DeliveryWorker.backoff(1, first, max)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DeliveryWorker.backoff(2, first, max)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DeliveryWorker.backoff(5, first, max)).isEqualTo(Duration.ofMinutes(8));
        assertThat(DeliveryWorker.backoff(10, first, max)).isEqualTo(Duration.ofMinutes(256));
        assertThat(DeliveryWorker.backoff(11, first, max)).isEqualTo(max);
        assertThat(DeliveryWorker.backoff(40, first, max)).isEqualTo(max);
    }
}
