package dev.baton.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IndexSettingsTest {

    private static final Path HOME = Path.of("index-home");

    @Test
    void defaultsCommitEverySecondAndBuffer64Mb() {
        IndexSettings settings = IndexSettings.defaults(HOME, 1);

        assertThat(settings.commitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxReopenStale()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.minReopenStale()).isEqualTo(Duration.ofMillis(25));
        assertThat(settings.ramBufferMb()).isEqualTo(64.0);
    }

    @Test
    void aMissingDirectoryIsRefused() {
        assertThatThrownBy(() -> IndexSettings.defaults(null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("directory is required");
    }

    @Test
    void aSchemaVersionBelowOneIsRefused() {
        assertThatThrownBy(() -> IndexSettings.defaults(HOME, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schemaVersion must be 1 or more, was 0");
    }

    @Test
    void aZeroCommitIntervalIsRefused() {
        assertThatThrownBy(() -> new IndexSettings(HOME, 1, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commitInterval must be longer than zero, was PT0S");
    }

    @Test
    void aMinReopenStaleLongerThanTheMaxIsRefused() {
        assertThatThrownBy(() -> new IndexSettings(
                        HOME, 1, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(20), 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minReopenStale (PT0.02S) must not be longer than maxReopenStale (PT0.01S)");
    }

    @Test
    void aRamBufferThatIsNotAPositiveNumberIsRefused() {
        for (double ramBufferMb : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new IndexSettings(
                            HOME, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, ramBufferMb))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("ramBufferMb must be a finite number above 0");
        }
    }
}
