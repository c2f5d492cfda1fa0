package dev.baton.webapp.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baton.webapp.TestUsers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

/** The pages on a phone-sized screen: nothing wider than the screen, the navigation and forms within reach. */
class PhoneLayoutBrowserTest extends BrowserTest {

    @ParameterizedTest(name = "{0} fits a phone screen")
    @ValueSource(strings = {"/admin", "/admin/users", "/admin/tokens", "/admin/audit", "/admin/taxonomy", "/search", "/search?q=roi", "/marketing",
            "/library", "/library?expiring", "/glossary", "/assets/{pdf}", "/assets/{pdf}/edit",
            "/assets/{pdf}/view", "/assets/{pdf}/delete", "/assets/{image}/view", "/deals", "/deals/new",
            "/deals/import", "/admin/crm", "/admin/teams", "/admin/reviews", "/admin/derived", "/reviews",
            "/reviews/unreviewed", "/training", "/packs"})
    void pagesFitAPhoneScreen(String path) {
        users.user("phone-user", "REP");
        page.setViewportSize(390, 800);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(path.replace("{pdf}", asset("pdf")).replace("{image}", asset("image")));
        if (path.endsWith("/view") && path.contains("{pdf}")) {
            assertThat(page.locator("#pdf-page")).hasText("Page 1 of 1");
        }
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isInViewport();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screenshots", "phone" + path.replaceAll("[/?{}]", "_") + ".png")));
    }

    /** One asset of each kind for the asset pages, uploaded once by admin with a long title and a long file name. */
    private String asset(String kind) {
        return ASSETS.computeIfAbsent(kind, k -> {
            String name = "A-rather-long-file-name-for-a-narrow-screen-" + UUID.randomUUID();
            byte[] bytes = k.equals("pdf") ? pdf(name) : png();
            return upload(bytes, name + (k.equals("pdf") ? ".pdf" : ".png"));
        });
    }

    private static final Map<String, String> ASSETS = new ConcurrentHashMap<>();

    private String upload(byte[] bytes, String fileName) {
        MultipartBodyBuilder body =
                new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        body.part("metadata", Map.of("title", "Quarterly business review deck for enterprise accounts",
                        "description", "A long description that wraps over several lines on a phone screen.",
                        "facets", Map.of("buyer_stage", List.of("awareness", "consideration",
                                "decision"), "persona", List.of("economic-buyer", "technical-evaluator")),
                        "tags", List.of("enterprise", "quarterly-business-review", "renewal"),
                        "expiresOn", LocalDate.now().plusDays(5).toString()))
                .contentType(MediaType.APPLICATION_JSON);
        return (String) http.post().uri("/api/v1/assets").header("Authorization", basic("admin", ADMIN_PASSWORD))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private static byte[] pdf(String text) {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage pdfPage = new PDPage();
            document.addPage(pdfPage);
            try (PDPageContentStream content =
                    new PDPageContentStream(document, pdfPage)) {
                content.beginText();
                content.setFont(new PDType1Font(
                        Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(1200, 800, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, (int) (Math.random() * 0xFFFFFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void theSignInPageFitsAPhoneScreen() {
        String name = "phone-rep";
        users.user(name, "REP");
        page.setViewportSize(360, 640);
        page.navigate("/login");
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        signIn(name, TestUsers.PASSWORD);
        assertThat(page).hasURL(baseUrl() + "/search");
    }
}
