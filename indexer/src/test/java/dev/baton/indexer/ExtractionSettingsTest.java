package dev.baton.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExtractionSettingsTest {

    @Test
    void the_defaults_are_a_minute_half_a_gigabyte_and_ten_million_characters_with_this_java() {
        ExtractionSettings defaults = ExtractionSettings.defaults();

        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.maxHeap()).isEqualTo("512m");
        assertThat(defaults.maxChars()).isEqualTo(10_000_000);
        assertThat(defaults.maxEmbeddedDepth()).isEqualTo(5);
        assertThat(defaults.maxEmbeddedCount()).isEqualTo(1_000);
        assertThat(Files.isExecutable(Path.of(defaults.javaCommand()))).isTrue();
    }

    @Test
    void a_setting_outside_its_range_is_refused_with_what_was_given() {
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
    void a_heap_in_any_xmx_unit_is_accepted() {
        assertThat(ExtractionSettings.defaults().withMaxHeap("2g").maxHeap()).isEqualTo("2g");
        assertThat(ExtractionSettings.defaults().withMaxHeap("786432k").maxHeap()).isEqualTo("786432k");
    }

    @Test
    void a_timeout_is_described_the_way_a_person_reads_it() {
        assertThat(Extractor.describe(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(Extractor.describe(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Extractor.describe(Duration.ofMillis(250))).isEqualTo("250 ms");
    }
}
