package dev.baton.indexer.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThumbnailTest {

    @Test
    void itsBytesCannotBeChangedFromOutside() {
        byte[] png = {1, 2, 3};
        Thumbnail thumbnail = new Thumbnail(png, 10, 5);

        png[0] = 9;
        thumbnail.png()[1] = 9;

        assertThat(thumbnail.png()).containsExactly(1, 2, 3);
    }

    @Test
    void thumbnailsWithTheSameBytesAndSizeAreEqual() {
        assertThat(new Thumbnail(new byte[] {1, 2}, 10, 5))
                .isEqualTo(new Thumbnail(new byte[] {1, 2}, 10, 5))
                .hasSameHashCodeAs(new Thumbnail(new byte[] {1, 2}, 10, 5))
                .isNotEqualTo(new Thumbnail(new byte[] {1, 3}, 10, 5))
                .isNotEqualTo(new Thumbnail(new byte[] {1, 2}, 5, 10));
    }

    @Test
    void anEmptyPictureOrASizeBelowOnePixelIsRefused() {
        assertThatThrownBy(() -> new Thumbnail(new byte[0], 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Thumbnail(new byte[] {1}, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
