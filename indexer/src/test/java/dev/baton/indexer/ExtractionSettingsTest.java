package dev.baton.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExtractionSettingsTest {

    @Test
    void theDefaultsAreAMinuteHalfAGigabyteAndTenMillionCharactersWithThisJava() {
        ExtractionSettings defaults = ExtractionSettings.defaults();

        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.maxHeap()).isEqualTo("512m");
        assertThat(defaults.maxChars()).isEqualTo(10_000_000);
        assertThat(defaults.maxEmbeddedDepth()).isEqualTo(5);
        assertThat(defaults.maxEmbeddedCount()).isEqualTo(1_000);
        assertThat(Files.isExecutable(Path.of(defaults.javaCommand()))).isTrue();
    }

    @Test
    void aSettingOutsideItsRangeIsRefusedWithWhatWasGiven() {
        ExtractionSettings defaults = ExtractionSettings.defaults();

        assertThatThrownBy(() -> defaults.withTimeout(Duration.ZERO)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> defaults.withMaxHeap("lots")).hasMessageContaining("'lots'");
        assertThatThrownBy(() -> defaults.withMaxHeap("512 MB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxChars(0)).hasMessageContaining("maxChars");
        assertThatThrownBy(() -> defaults.withMaxEmbeddedDepth(0)).hasMessageContaining("maxEmbeddedDepth");
        assertThatThrownBy(() -> new ExtractionSettings(Duration.ofSeconds(1), "1g", 1, 1, -1, "java", null))
                .hasMessageContaining("maxEmbeddedCount");
        assertThatThrownBy(() -> new ExtractionSettings(Duration.ofSeconds(1), "1g", 1, 1, 0, " ", null))
                .hasMessageContaining("javaCommand");
    }

    @Test
    void aHeapInAnyXmxUnitIsAccepted() {
        assertThat(ExtractionSettings.defaults().withMaxHeap("2g").maxHeap()).isEqualTo("2g");
        assertThat(ExtractionSettings.defaults().withMaxHeap("786432k").maxHeap()).isEqualTo("786432k");
    }

    @Test
    void aTimeoutIsDescribedTheWayAPersonReadsIt() {
        assertThat(Extractor.describe(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(Extractor.describe(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Extractor.describe(Duration.ofMillis(250))).isEqualTo("250 ms");
    }
}
