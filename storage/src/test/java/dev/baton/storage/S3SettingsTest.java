package dev.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3SettingsTest {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");

    private static S3Settings settings(URI endpoint, String bucket, long partSize) {
        return new S3Settings(endpoint, null, "access", "secret", bucket, null, null, null, partSize);
    }

    @Test
    void leftOutValuesGetDefaults() {
        S3Settings settings = S3Settings.of(ENDPOINT, "access", "secret", "baton");

        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.partSizeBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void givenValuesAreKept() {
        S3Settings settings = new S3Settings(URI.create("https://s3.eu-central-1.amazonaws.com"), "eu-central-1",
                "a", "s", "my.bucket-1", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                5L * 1024 * 1024);

        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.bucket()).isEqualTo("my.bucket-1");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.partSizeBytes()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void partSizeBelowFiveMebibytesIsRejected() {
        assertThatThrownBy(() -> settings(ENDPOINT, "baton", 5L * 1024 * 1024 - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part size");
        assertThatThrownBy(() -> settings(ENDPOINT, "baton", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(ENDPOINT, "baton", 6L * 1024 * 1024 * 1024))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host", "localhost:9000", "http:///nohost", "http://host/path", "http://host?x=1",
        "http://user:pw@host"})
    void unusableEndpointsAreRejected(String endpoint) {
        assertThatThrownBy(() -> settings(URI.create(endpoint), "baton", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint");
    }

    @Test
    void missingEndpointIsRejected() {
        assertThatThrownBy(() -> settings(null, "baton", 0)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("endpoint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Baton", "-baton", "baton-", "ba..ton", "ba_ton", "192.168.1.1"})
    void invalidBucketNamesAreRejected(String bucket) {
        assertThatThrownBy(() -> settings(ENDPOINT, bucket, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket");
    }

    @Test
    void blankCredentialsAreRejected() {
        assertThatThrownBy(() -> new S3Settings(ENDPOINT, null, " ", "s", "baton", null, null, null, 0))
                .hasMessageContaining("access key");
        assertThatThrownBy(() -> new S3Settings(ENDPOINT, null, "a", null, "baton", null, null, null, 0))
                .hasMessageContaining("secret key");
    }

    @Test
    void nonPositiveTimeoutsAreRejected() {
        assertThatThrownBy(() -> new S3Settings(ENDPOINT, null, "a", "s", "baton", Duration.ZERO, null, null, 0))
                .hasMessageContaining("connect timeout");
        assertThatThrownBy(() ->
                        new S3Settings(ENDPOINT, null, "a", "s", "baton", null, Duration.ofSeconds(-1), null, 0))
                .hasMessageContaining("read timeout");
    }

    @Test
    void toStringHidesTheSecretKey() {
        S3Settings settings = S3Settings.of(ENDPOINT, "access", "very-secret", "baton");

        assertThat(settings.toString()).contains("access").doesNotContain("very-secret");
    }

    @Test
    void withersChangeOneThing() {
        S3Settings settings = S3Settings.of(ENDPOINT, "access", "secret", "baton");

        assertThat(settings.withBucket("other").bucket()).isEqualTo("other");
        assertThat(settings.withPartSizeBytes(S3Settings.MIN_PART_SIZE).partSizeBytes())
                .isEqualTo(S3Settings.MIN_PART_SIZE);
        assertThat(settings.withTimeouts(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3)))
                .extracting(S3Settings::connectTimeout, S3Settings::readTimeout, S3Settings::writeTimeout)
                .containsExactly(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3));
    }
}
