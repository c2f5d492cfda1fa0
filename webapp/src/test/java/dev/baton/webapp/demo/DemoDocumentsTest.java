package dev.baton.webapp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.sl.extractor.SlideShowExtractor;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo library: enough realistic, well-formed documents to search, filter and share on a fresh install. */
class DemoDocumentsTest {

    private static final Map<String, List<String>> TAXONOMY = Map.of(
            "buyer_stage", List.of("awareness", "consideration", "decision", "onboarding", "expansion"),
            "funnel_stage", List.of("inquiry", "mql", "sal", "sql", "opportunity", "customer"),
            "persona", List.of("economic-buyer", "technical-evaluator", "champion", "end-user", "executive-sponsor"),
            "industry", List.of("financial-services", "healthcare", "manufacturing", "retail", "technology",
                    "public-sector"),
            "product", List.of("platform", "analytics", "integrations"),
            "region", List.of("global", "north-america", "emea", "apac", "latam"),
            "language", List.of("en", "de", "fr", "es"));
    private static final List<String> CONTENT_TYPES = List.of("case-study", "battlecard", "deck", "one-pager",
            "roi-tool", "whitepaper", "pricing-sheet", "onboarding-guide", "video");

    private static List<DemoAsset> assets;
    private static final Map<String, String> TEXT = new HashMap<>();

    @BeforeAll
    static void generateOnce() throws IOException {
        assets = DemoDocuments.generate();
        for (DemoAsset asset : assets) {
            TEXT.put(asset.fileName(), normalized(extract(asset)));
        }
    }

    @Test
    void theLibraryHoldsAtLeastFortyAssetsMixingPdfWordAndSlides() {
        assertThat(assets).hasSizeGreaterThanOrEqualTo(40);
        Map<String, Long> byExtension = assets.stream()
                .collect(Collectors.groupingBy(a -> extension(a.fileName()), Collectors.counting()));
        assertThat(byExtension.get("pdf")).isGreaterThanOrEqualTo(18);
        assertThat(byExtension.get("pptx")).isGreaterThanOrEqualTo(10);
        assertThat(byExtension.get("docx")).isGreaterThanOrEqualTo(10);
    }

    @Test
    void titlesAndFileNamesAreUniqueAndReadable() {
        assertThat(assets).extracting(DemoAsset::title).doesNotHaveDuplicates().allMatch(t -> !t.isBlank());
        assertThat(assets).extracting(DemoAsset::fileName).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("[A-Za-z0-9][A-Za-z0-9 ,.'()-]*\\.(pdf|docx|pptx)"));
    }

    @Test
    void everyPdfOpensWithPdfBoxOnSeveralPagesAndContainsItsDescription() throws IOException {
        for (DemoAsset asset : ofType("pdf")) {
            try (PDDocument pdf = Loader.loadPDF(asset.bytes())) {
                assertThat(pdf.getNumberOfPages()).as(asset.fileName()).isGreaterThanOrEqualTo(2);
                assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo(asset.title());
                assertThat(pdf.getDocumentInformation().getAuthor()).isNotBlank();
            }
            assertThat(TEXT.get(asset.fileName())).as(asset.fileName())
                    .contains(normalized(asset.description()));
        }
    }

    @Test
    void everyWordDocumentOpensWithPoiAndHasHeadingsATableAndItsDescription() throws IOException {
        for (DemoAsset asset : ofType("docx")) {
            try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(asset.bytes()))) {
                assertThat(word.getProperties().getCoreProperties().getTitle()).isEqualTo(asset.title());
                assertThat(word.getParagraphs()).as(asset.fileName())
                        .anyMatch(p -> "Heading1".equals(p.getStyle()));
                assertThat(word.getTables()).as(asset.fileName()).isNotEmpty();
            }
            assertThat(TEXT.get(asset.fileName())).as(asset.fileName())
                    .contains(normalized(asset.description()));
        }
    }

    @Test
    void everySlideDeckOpensWithPoiWithFourToEightSlidesAndItsDescription() throws IOException {
        for (DemoAsset asset : ofType("pptx")) {
            try (XMLSlideShow deck = new XMLSlideShow(new ByteArrayInputStream(asset.bytes()))) {
                assertThat(deck.getSlides()).as(asset.fileName()).hasSizeBetween(4, 8);
                assertThat(deck.getProperties().getCoreProperties().getTitle()).isEqualTo(asset.title());
            }
            assertThat(TEXT.get(asset.fileName())).as(asset.fileName())
                    .contains(normalized(asset.description()));
        }
    }

    @Test
    void everyDocumentReadsLikeCollateralOf300To1500Words() {
        for (DemoAsset asset : assets) {
            int words = TEXT.get(asset.fileName()).split(" ").length;
            assertThat(words).as(asset.fileName()).isBetween(300, 1500);
        }
    }

    @Test
    void theTermsSearchWillBeTriedAppearInTheLibrary() {
        String all = String.join(" ", TEXT.values()).toLowerCase();
        assertThat(all).contains("return on investment", "total cost of ownership", "marketing qualified lead",
                "soc 2", "gdpr", "churn", "forecast");
    }

    @Test
    void everyFacetValueAndContentTypeComesFromTheDefaultTaxonomy() {
        for (DemoAsset asset : assets) {
            assertThat(CONTENT_TYPES).as(asset.fileName()).contains(asset.contentType());
            assertThat(asset.facets()).as(asset.fileName()).containsKeys("buyer_stage", "persona", "language");
            asset.facets().forEach((facet, values) -> {
                assertThat(TAXONOMY).as(asset.fileName()).containsKey(facet);
                assertThat(values).as(asset.fileName() + " " + facet).isNotEmpty().doesNotHaveDuplicates()
                        .allMatch(TAXONOMY.get(facet)::contains);
            });
        }
    }

    @Test
    void everyBuyerStagePersonaIndustryAndProductIsCoveredByAtLeastTwoAssets() {
        for (String facet : List.of("buyer_stage", "persona", "industry", "product")) {
            Map<String, Long> uses = assets.stream()
                    .flatMap(a -> a.facets().getOrDefault(facet, List.of()).stream())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            for (String value : TAXONOMY.get(facet)) {
                assertThat(uses.getOrDefault(value, 0L)).as(facet + "=" + value).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void germanAndFrenchAssetsAreTaggedWithTheirLanguage() {
        Map<String, Long> languages = assets.stream().flatMap(a -> a.facets().get("language").stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(languages.get("de")).isGreaterThanOrEqualTo(2);
        assertThat(languages.get("fr")).isGreaterThanOrEqualTo(1);
        for (DemoAsset asset : assets) {
            String text = TEXT.get(asset.fileName());
            switch (asset.facets().get("language").get(0)) {
                case "de" -> assertThat(text).as(asset.fileName()).contains(" und ", " die ");
                case "fr" -> assertThat(text).as(asset.fileName()).contains(" les ", " et ");
                default -> assertThat(text).as(asset.fileName()).contains(" the ", " and ");
            }
        }
    }

    @Test
    void threeAssetsExpireWithinAMonthAndOneHasAlreadyExpired() {
        List<Integer> expiries = assets.stream().map(DemoAsset::expiresInDays).filter(Objects::nonNull).toList();
        assertThat(expiries.stream().filter(days -> days > 0 && days <= 30)).hasSize(3);
        assertThat(expiries.stream().filter(days -> days < 0)).hasSize(1);
        assertThat(expiries.size()).isLessThan(assets.size() / 4);
    }

    @Test
    void publicationDatesSpreadOverTheLastEighteenMonths() {
        List<Integer> days = assets.stream().map(DemoAsset::publishedDaysAgo).toList();
        assertThat(days).allMatch(d -> d >= 0 && d <= 550);
        assertThat(days.stream().filter(d -> d < 90)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(days.stream().filter(d -> d > 365)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void battlecardsAndOnlyBattlecardsAreInternal() {
        assertThat(assets).filteredOn(DemoAsset::internalOnly).isNotEmpty()
                .allMatch(a -> a.contentType().equals("battlecard"));
        assertThat(assets).filteredOn(a -> a.contentType().equals("battlecard")).allMatch(DemoAsset::internalOnly);
    }

    @Test
    void onboardingGuidesAreForCustomersBeingOnboarded() {
        assertThat(assets).filteredOn(a -> a.contentType().equals("onboarding-guide")).isNotEmpty()
                .allMatch(a -> a.facets().get("buyer_stage").equals(List.of("onboarding")))
                .allMatch(a -> a.facets().get("funnel_stage").equals(List.of("customer")));
    }

    @Test
    void assetsAreOwnedByTheTwoDemoMarketersAndEveryRoleHasADemoUser() {
        List<DemoUser> users = DemoDocuments.users();
        assertThat(users).extracting(DemoUser::username)
                .containsExactly("rita.rep", "ravi.rep", "maria.marketer", "mark.marketer", "tom.trainer");
        assertThat(users).extracting(DemoUser::role).contains("REP", "MARKETER", "TRAINER");
        assertThat(assets).extracting(DemoAsset::owner).containsOnly("maria.marketer", "mark.marketer");
    }

    @Test
    void generatingTwiceGivesTheSameTextAndMetadata() throws IOException {
        List<DemoAsset> again = DemoDocuments.generate();
        assertThat(again).hasSameSizeAs(assets);
        for (int i = 0; i < assets.size(); i++) {
            DemoAsset first = assets.get(i);
            DemoAsset second = again.get(i);
            assertThat(second).usingRecursiveComparison().ignoringFields("bytes").isEqualTo(first);
            assertThat(normalized(extract(second))).isEqualTo(TEXT.get(first.fileName()));
        }
    }

    @Test
    void theWholeLibraryIsSmallEnoughToHoldInMemory() {
        assertThat(assets).allMatch(a -> a.bytes().length < 512 * 1024);
        assertThat(assets.stream().mapToLong(a -> a.bytes().length).sum()).isLessThan(8L * 1024 * 1024);
    }

    private static List<DemoAsset> ofType(String extension) {
        List<DemoAsset> matching = new ArrayList<>(assets.stream()
                .filter(a -> extension(a.fileName()).equals(extension)).toList());
        assertThat(matching).isNotEmpty();
        return matching;
    }

    private static String extension(String fileName) {
        return fileName.substring(fileName.lastIndexOf('.') + 1);
    }

    private static String extract(DemoAsset asset) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(asset.bytes());
        return switch (extension(asset.fileName())) {
            case "pdf" -> {
                try (PDDocument pdf = Loader.loadPDF(asset.bytes())) {
                    yield new PDFTextStripper().getText(pdf);
                }
            }
            case "docx" -> {
                try (XWPFWordExtractor extractor = new XWPFWordExtractor(new XWPFDocument(in))) {
                    yield extractor.getText();
                }
            }
            default -> {
                try (SlideShowExtractor<?, ?> extractor = new SlideShowExtractor<>(new XMLSlideShow(in))) {
                    yield extractor.getText();
                }
            }
        };
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
