package dev.baton.indexer.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageRendererTest {

    private final PageRenderer renderer = new PageRenderer(PageSettings.defaults());

    @TempDir
    Path dir;

    @Test
    void everySlideOfAPptxBecomesAJpegPageInOrder() throws Exception {
        Path pptx = Files.write(
                dir.resolve("deck.pptx"), Samples.pptx(new Color[] {Color.RED, Color.BLUE, Color.GREEN}, null, null));
        Documents.Collected pages = new Documents.Collected();

        PageRenderer.Result result = renderer.render(pptx, Samples.PPTX, pages);

        assertThat(result).isEqualTo(new PageRenderer.Result(3, 3));
        assertThat(result.truncated()).isFalse();
        assertThat(pages.numbers).containsExactly(1, 2, 3);
        assertThat(pages.pages).allSatisfy(page -> {
            assertThat(page.mediaType()).isEqualTo("image/jpeg");
            // 720 x 540 pt slides, 1400 pixels wide
            assertThat(page.width()).isEqualTo(1400);
            assertThat(page.height()).isEqualTo(1050);
        });
        // the shape sits at 100,100 of 300 x 200 pt: 194,194 to 778,583 in the page image
        assertThat(Samples.count(pages.image(0), 220, 220, 750, 560, Samples::reddish)).isEqualTo(530 * 340);
        assertThat(Samples.count(pages.image(1), 220, 220, 750, 560, Samples::bluish)).isEqualTo(530 * 340);
        assertThat(Samples.count(pages.image(2), Samples::reddish)).isZero();
        assertThat(Samples.count(pages.image(1), 900, 0, 1400, 1050, Samples::light)).isEqualTo(500 * 1050);
    }

    @Test
    void everySlideOfALegacyPptBecomesAPage() throws Exception {
        Path ppt = Files.write(dir.resolve("deck.ppt"), Samples.ppt(Color.BLUE, Color.RED));
        Documents.Collected pages = new Documents.Collected();

        assertThat(renderer.render(ppt, Samples.PPT, pages)).isEqualTo(new PageRenderer.Result(2, 2));

        assertThat(Samples.count(pages.image(0), 220, 220, 750, 560, Samples::bluish)).isEqualTo(530 * 340);
        assertThat(Samples.count(pages.image(1), 220, 220, 750, 560, Samples::reddish)).isEqualTo(530 * 340);
    }

    @Test
    void everyPageOfAPdfIsDrawnAtTheFixedWidthWhateverItsPageBox() throws Exception {
        Path pdf = Samples.pdf(
                dir.resolve("mixed.pdf"),
                new PDRectangle[] {PDRectangle.A4, new PDRectangle(200, 100)},
                new PDRectangle[] {new PDRectangle(0, 421, 595, 421), new PDRectangle(0, 0, 100, 100)},
                new Color[] {Color.BLACK, Color.RED});
        Documents.Collected pages = new Documents.Collected();

        assertThat(renderer.render(pdf, Samples.PDF, pages)).isEqualTo(new PageRenderer.Result(2, 2));

        assertThat(pages.pages.get(0).width()).isEqualTo(1400);
        assertThat(pages.pages.get(0).height()).isEqualTo(1980);
        assertThat(pages.pages.get(1).width()).isEqualTo(1400);
        assertThat(pages.pages.get(1).height()).isEqualTo(700);
        BufferedImage first = pages.image(0);
        assertThat(Samples.count(first, 0, 0, 1400, 950, Samples::dark)).isGreaterThan(1300 * 900);
        assertThat(Samples.count(first, 0, 1030, 1400, 1980, Samples::light)).isGreaterThan(1300 * 900);
        assertThat(Samples.count(pages.image(1), 0, 0, 690, 700, Samples::reddish)).isGreaterThan(680 * 690);
    }

    @Test
    void aPageFarTallerThanWideIsDrawnNarrowerNotTaller() throws Exception {
        Path pdf = Samples.pdf(
                dir.resolve("ribbon.pdf"), new PDRectangle(10, 14_000), new PDRectangle(0, 0, 10, 100), Color.BLACK);
        Documents.Collected pages = new Documents.Collected();

        renderer.render(pdf, Samples.PDF, pages);

        assertThat(pages.pages.getFirst().height()).isEqualTo(4 * 1400);
        assertThat(pages.pages.getFirst().width()).isEqualTo(4);
    }

    @Test
    void aDocxIsLaidOutOnA4PagesWithItsHeadingsStylesListsTablesAndPictures() throws Exception {
        byte[] picture = Documents.png(400, 200, Color.GREEN);
        Path docx = Files.write(dir.resolve("brief.docx"), Documents.docx(document -> {
            Documents.heading(document, "Onboarding brief");
            Documents.styled(document, "Bold words", "italic words", "large red words");
            Documents.numbered(document, "First step", "Second step", "Third step");
            Documents.table(document, "0000FF", new String[] {"Plan", "Price"}, new String[] {"Team", "10"});
            Documents.picture(document, picture, 200, 100);
            Documents.pageBreak(document);
            Documents.text(document, "On the second page.");
        }));
        Documents.Collected pages = new Documents.Collected();

        PageRenderer.Result result = renderer.render(docx, Documents.DOCX, pages);

        assertThat(result).isEqualTo(new PageRenderer.Result(2, 2));
        // A4 (595 x 842 pt) at 1400 pixels wide
        assertThat(pages.pages.getFirst().width()).isEqualTo(1400);
        assertThat(pages.pages.getFirst().height()).isEqualTo(1980);
        BufferedImage first = pages.image(0);
        assertThat(Samples.count(first, Samples::dark)).as("black text").isGreaterThan(2000);
        assertThat(Samples.count(first, Samples::reddish)).as("the red run").isGreaterThan(200);
        assertThat(Samples.count(first, Samples::bluish)).as("the shaded cell").isGreaterThan(20_000);
        // the picture: 200 x 100 pt, centred, about 470 x 235 pixels of green
        int green = Samples.count(first, Samples::greenish);
        assertThat(green).isBetween(440 * 210, 480 * 240);
        BufferedImage second = pages.image(1);
        assertThat(Samples.count(second, Samples::dark)).as("the text after the page break").isGreaterThan(100);
        assertThat(Samples.count(second, Samples::greenish)).isZero();
    }

    @Test
    void aLongDocxFlowsOntoAsManyPagesAsItNeeds() throws Exception {
        Path docx = Files.write(dir.resolve("long.docx"), Documents.docx(document -> {
            for (int i = 0; i < 200; i++) {
                Documents.text(document, "Paragraph " + i + " of a long document that keeps going. ".repeat(3));
            }
        }));
        Documents.Collected pages = new Documents.Collected();

        PageRenderer.Result result = renderer.render(docx, Documents.DOCX, pages);

        assertThat(result.rendered()).isBetween(8, 30);
        assertThat(result.truncated()).isFalse();
        for (int i = 0; i < result.rendered(); i++) {
            assertThat(Samples.count(pages.image(i), Samples::dark)).as("page " + (i + 1)).isPositive();
        }
    }

    @Test
    void charactersTheFontLacksShowAsQuestionMarksInsteadOfFailing() throws Exception {
        Path docx = Files.write(dir.resolve("mixed-scripts.docx"), Documents.docx(document ->
                Documents.text(document, "Grüße, Привет, 你好, \uD83D\uDE00 and a\u0000null")));
        Documents.Collected pages = new Documents.Collected();

        assertThat(renderer.render(docx, Documents.DOCX, pages).rendered()).isEqualTo(1);
        assertThat(Samples.count(pages.image(0), Samples::dark)).isPositive();
    }

    @Test
    void supportsDecksDocumentsAndPdfsButNotImagesOrOtherDocuments() {
        assertThat(renderer.supports(Samples.PPTX)).isTrue();
        assertThat(renderer.supports(Samples.PPT)).isTrue();
        assertThat(renderer.supports(Documents.DOCX + "; charset=binary")).isTrue();
        assertThat(renderer.supports(Samples.PDF)).isTrue();
        assertThat(renderer.supports("image/png")).isFalse();
        assertThat(renderer.supports("image/svg+xml")).isFalse();
        assertThat(renderer.supports("application/msword")).isFalse();
        assertThatThrownBy(() -> renderer.render(dir.resolve("x"), "image/png", (n, p) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingSinkStopsTheRenderingAndItsFailureIsPassedOnAsItWas() throws Exception {
        Path pptx = Files.write(
                dir.resolve("deck.pptx"), Samples.pptx(new Color[] {Color.RED, Color.BLUE}, null, null));
        IOException storeDown = new IOException("the store is down");
        int[] calls = {0};

        assertThatThrownBy(() -> renderer.render(pptx, Samples.PPTX, (number, page) -> {
                    calls[0]++;
                    throw storeDown;
                }))
                .isSameAs(storeDown);
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> PageSettings.defaults().withWidth(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageSettings.defaults().withWidth(5000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageSettings.defaults().withMaxPages(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PageSettings.defaults().width()).isEqualTo(1400);
        assertThat(PageSettings.defaults().maxPages()).isEqualTo(300);
    }
}
