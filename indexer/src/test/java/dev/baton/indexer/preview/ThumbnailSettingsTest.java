package dev.baton.indexer.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThumbnailSettingsTest {

    @Test
    void defaultsAre480Pixels50MillionSourcePixelsAnd512MibFiles() {
        ThumbnailSettings settings = ThumbnailSettings.defaults();

        assertThat(settings.maxSide()).isEqualTo(480);
        assertThat(settings.maxPixels()).isEqualTo(50_000_000L);
        assertThat(settings.maxFileBytes()).isEqualTo(512L * 1024 * 1024);
    }

    @Test
    void aMaxSideOutside1To4096IsRefused() {
        assertThatThrownBy(() -> new ThumbnailSettings(0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSide must be between 1 and 4096 pixels, was 0");
        assertThatThrownBy(() -> new ThumbnailSettings(4097, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSide must be between 1 and 4096 pixels, was 4097");
    }

    @Test
    void aPixelOrFileLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new ThumbnailSettings(480, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPixels must be 1 or more, was 0");
        assertThatThrownBy(() -> new ThumbnailSettings(480, 1, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFileBytes must be 1 or more, was -5");
    }
}
