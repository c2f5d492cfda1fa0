package dev.baton.indexer.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThumbnailSettingsTest {

    @Test
    void defaults_are_480_pixels_50_million_source_pixels_and_512_mib_files() {
        ThumbnailSettings settings = ThumbnailSettings.defaults();

        assertThat(settings.maxSide()).isEqualTo(480);
        assertThat(settings.maxPixels()).isEqualTo(50_000_000L);
        assertThat(settings.maxFileBytes()).isEqualTo(512L * 1024 * 1024);
    }

    @Test
    void a_max_side_outside_1_to_4096_is_refused() {
        assertThatThrownBy(() -> new ThumbnailSettings(0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSide must be between 1 and 4096 pixels, was 0");
        assertThatThrownBy(() -> new ThumbnailSettings(4097, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSide must be between 1 and 4096 pixels, was 4097");
    }

    @Test
    void a_pixel_or_file_limit_below_one_is_refused() {
        assertThatThrownBy(() -> new ThumbnailSettings(480, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPixels must be 1 or more, was 0");
        assertThatThrownBy(() -> new ThumbnailSettings(480, 1, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFileBytes must be 1 or more, was -5");
    }
}
