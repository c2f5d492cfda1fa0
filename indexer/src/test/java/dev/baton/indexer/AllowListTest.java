package dev.baton.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowListTest {

    private static final Detection PNG = new Detection("image/png", "PNG image", true, null);
    private static final Detection AVI = new Detection("video/x-msvideo", "AVI video", true, null);
    private static final Detection EXCEL = new Detection(MediaTypeNames.XLSX, "Excel workbook", true, null);

    @Test
    void theDefaultListTakesAnyVideoButNoArchive() {
        AllowList defaults = AllowList.defaults();

        assertThat(defaults.check(AVI).accepted()).isTrue();
        assertThat(defaults.allows("video/x-flv")).isTrue();
        assertThat(defaults.allows("application/zip")).isFalse();
        assertThat(defaults.allows("audio/mpeg")).isFalse();
    }

    @Test
    void aConfiguredListRefusesWhatItDoesNotNameAndSaysWhatTheFileIs() {
        AllowList pdfOnly = AllowList.of(List.of("application/pdf"));

        AllowList.Verdict verdict = pdfOnly.check(EXCEL);

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.message())
                .isEqualTo("The file is an Excel workbook (" + MediaTypeNames.XLSX
                        + "), which the library does not accept");
    }

    @Test
    void entriesAreCaseInsensitiveAndParametersAreIgnored() {
        AllowList list = AllowList.of(List.of(" Image/PNG ", "VIDEO/*"));

        assertThat(list.mediaTypes()).containsExactlyInAnyOrder("image/png", "video/*");
        assertThat(list.check(PNG).accepted()).isTrue();
        assertThat(list.allows("text/plain; charset=UTF-8")).isFalse();
        assertThat(list.allows("video/mp4; codecs=avc1")).isTrue();
    }

    @Test
    void aReasonFoundByDetectionRefusesTheFileEvenWhenItsTypeIsAllowed() {
        Detection lyingName = new Detection(
                "image/png", "PNG image", false, "The name says .jpg but the content is a PNG image (image/png)");

        AllowList.Verdict verdict = AllowList.defaults().check(lyingName);

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.message()).isEqualTo(lyingName.reason());
    }

    @Test
    void aMalformedEntryIsRefusedWhenTheListIsBuilt() {
        assertThatThrownBy(() -> AllowList.of(List.of("pdf")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pdf'");
        assertThatThrownBy(() -> AllowList.of(List.of("*/*"))).isInstanceOf(IllegalArgumentException.class);
    }
}
