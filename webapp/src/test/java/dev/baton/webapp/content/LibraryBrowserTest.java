package dev.baton.webapp.content;

import dev.baton.indexer.TestFiles;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.web.BrowserTest;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The content library in the browser: a marketer uploads a batch, edits, publishes, archives and versions assets; a
 * rep finds what is published; anyone reads a PDF in the viewer.
 */
class LibraryBrowserTest extends BrowserTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {};
    private static final String AWARENESS = "The buyer has a problem or an opportunity and is learning about it; "
            + "they are not yet comparing solutions.";

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator link(String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator filesInput() {
        return page.getByLabel("Files", new Page.GetByLabelOptions().setExact(true));
    }

    private void signInAs(String username, String role) {
        users.user(username, role);
        signIn(username, TestUsers.PASSWORD);
        assertThat(button("Sign out")).isVisible();
    }

    @Test
    void aMarketerDropsTwoFilesSetsFacetsAndSeesEachUploadedThenADuplicateAndAFakePdfAreExplained()
            throws Exception {
        signInAs("lib-dropper", "MARKETER");
        page.navigate("/library");
        Locator form = page.locator("#upload-form");
        form.getByLabel("Content type").selectOption("case-study");
        form.getByText("Facets: buyer stage").click();
        form.getByLabel("Awareness", new Locator.GetByLabelOptions().setExact(true)).check();
        form.getByLabel("Champion", new Locator.GetByLabelOptions().setExact(true)).check();
        form.getByLabel("Tags").fill("acme, onboarding");

        // without a title of their own, so the file names name them (a document's title would, once read)
        byte[] first = TestFiles.pdf(null, "Baton tests", List.of("Acme onboarding story " + UUID.randomUUID()));
        byte[] second = TestFiles.pdf(null, "Baton tests", List.of("Globex onboarding story " + UUID.randomUUID()));
        JSHandle files = page.evaluateHandle("""
                files => {
                  const transfer = new DataTransfer();
                  for (const f of files) {
                    const bytes = Uint8Array.from(atob(f.data), c => c.charCodeAt(0));
                    transfer.items.add(new File([bytes], f.name, { type: f.type }));
                  }
                  return transfer;
                }""", List.of(
                Map.of("name", "Acme_case_study.pdf", "data", base64(first), "type", "application/pdf"),
                Map.of("name", "Globex_case_study.pdf", "data", base64(second), "type", "application/pdf")));
        page.locator("#dropzone").dispatchEvent("drop", Map.of("dataTransfer", files));
        assertThat(page.locator(".upload-item")).hasCount(2);
        button("Upload 2 files").click();

        Locator rows = page.locator(".upload-item");
        assertThat(rows.nth(0).locator("progress")).hasAttribute("value", "100");
        assertThat(rows.nth(1).locator("progress")).hasAttribute("value", "100");
        assertThat(rows.nth(0)).containsText("Uploaded as Acme case study (draft)");
        assertThat(rows.nth(1)).containsText("Uploaded as Globex case study (draft)");
        assertThat(page.locator("#upload-summary")).hasText("2 files uploaded.");

        rows.nth(0).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Acme case study")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Acme case study");
        String acme = page.url();
        Locator facts = page.locator("dl.facts");
        assertThat(facts).containsText("Case study");
        assertThat(facts.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Awareness")))
                .isVisible();
        assertThat(facts).containsText("Champion");
        assertThat(facts).containsText("onboarding");

        // the same bytes again, under another name: the library already has them
        page.navigate("/library");
        filesInput().setInputFiles(new FilePayload("again.pdf", "application/pdf", first));
        filesInput().setInputFiles(new FilePayload("quarterly-report.pdf", "application/pdf",
                "<!DOCTYPE html><html><body><p>Not a PDF</p></body></html>".getBytes(StandardCharsets.UTF_8)));
        button("Upload 2 files").click();
        Locator duplicate = page.locator(".upload-item").filter(new Locator.FilterOptions().setHasText("again.pdf"));
        Locator fake = page.locator(".upload-item")
                .filter(new Locator.FilterOptions().setHasText("quarterly-report.pdf"));
        assertThat(duplicate).containsText("Already in the library.");
        assertThat(fake.locator(".outcome")).containsText(Pattern.compile("html", Pattern.CASE_INSENSITIVE));
        assertThat(page.locator("#upload-summary")).hasText("0 files uploaded, 2 not uploaded: see why next to each.");
        duplicate.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open it")).click();
        assertThat(page).hasURL(acme);
    }

    @Test
    void aMarketerUploadsWithTheKeyboardAlone() throws Exception {
        signInAs("lib-keyboard", "MARKETER");
        page.navigate("/library");
        Locator input = filesInput();
        assertThat(input).isVisible();
        input.focus();
        assertThat(input).isFocused();
        input.setInputFiles(new FilePayload("Keyboard_one_pager.pdf", "application/pdf",
                pdf("Keyboard " + UUID.randomUUID())));
        page.getByLabel("Publish now").check();
        page.getByLabel("Publish now").press("Tab");
        assertThat(button("Upload 1 file")).isFocused();
        page.keyboard().press("Enter");
        Locator row = page.locator(".upload-item");
        assertThat(row).containsText("Uploaded as Keyboard one pager (published)");
        assertThat(row.locator("progress")).hasAttribute("value", "100");
        assertThat(page.locator("#upload-queue")).hasAttribute("aria-live", "polite");
    }

    @Test
    void theAssetPageShowsDefinitionsExtractedTextAndUsageThatGrowsWithADownload() throws Exception {
        String id = upload("lib-reader-marketer", pdf("Usage counts " + UUID.randomUUID()), "usage-sheet.pdf",
                Map.of("title", "Usage sheet", "facets", Map.of("buyer_stage", List.of("awareness")),
                        "status", "published"));
        signInAs("lib-reader", "REP");
        page.navigate("/assets/" + id);
        Locator awareness = page.locator("dl.facts")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Awareness"));
        assertThat(awareness).hasAttribute("title", AWARENESS);
        assertThat(awareness).hasAttribute("href", "/glossary#buyer_stage-awareness");
        String described = awareness.getAttribute("aria-describedby");
        assertThat(page.locator("#" + described)).hasText(AWARENESS);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            page.reload();
            return page.locator("#text-status").textContent().contains("1 page");
        });
        assertThat(page.locator("#usage")).containsText("downloaded 0");

        Download download = page.waitForDownload(() -> link("Download usage-sheet.pdf").click());
        assertThat(download.suggestedFilename()).isEqualTo("usage-sheet.pdf");
        page.reload();
        assertThat(page.locator("#usage")).containsText("downloaded 1, by 1 person");
        assertThat(page.locator("#usage")).not().containsText("Viewed 0 times");
        // reps see no management controls
        assertThat(link("Edit")).hasCount(0);
        assertThat(page.locator("#version-form")).hasCount(0);

        // the owner's own views never count: the owner opening it twice leaves one person's use
        button("Sign out").click();
        signInAs("lib-reader-marketer", "MARKETER");
        page.navigate("/assets/" + id);
        page.reload();
        assertThat(page.locator("#usage")).containsText("downloaded 1, by 1 person");
    }

    @Test
    void aMarketerEditsAndPublishesARepThenFindsItAndArchivingHidesItAgain() throws Exception {
        String id = upload("lib-editor", pdf("Battlecard " + UUID.randomUUID()), "rival.pdf", Map.of());
        signInAs("lib-editor", "MARKETER");
        page.navigate("/assets/" + id);
        link("Edit").click();

        String title = "Rival Inc battlecard " + UUID.randomUUID().toString().substring(0, 8);
        page.getByLabel("Title").fill(title);
        page.getByLabel("Decision", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Tags").fill("rival, pricing");
        page.getByLabel("Owner (user name)").fill("nobody-by-this-name");
        page.getByLabel("Expires on").fill(LocalDate.now().plusDays(10).toString());
        button("Save").click();
        assertThat(page.locator("#owner-error")).hasText("no active user 'nobody-by-this-name'");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Nothing was saved: one value needs fixing");
        assertThat(page.getByLabel("Title")).hasValue(title);
        assertThat(page.getByLabel("Owner (user name)")).hasAttribute("aria-invalid", "true");

        page.getByLabel("Owner (user name)").fill("lib-editor");
        button("Save").click();
        assertThat(page.locator("#flash")).hasText("Saved the changes");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(title);
        assertThat(page.locator("dl.facts")).containsText("Decision");
        assertThat(page.locator("dl.facts")).containsText(LocalDate.now().plusDays(10).toString());

        // an emptied date is cleared
        link("Edit").click();
        page.getByLabel("Expires on").fill("");
        button("Save").click();
        assertThat(page.locator("#flash")).hasText("Saved the changes");
        assertThat(page.locator("dl.facts")).containsText("Never");

        button("Publish").click();
        assertThat(page.locator("#flash")).hasText("Published: reps can find it now");

        button("Sign out").click();
        signInAs("lib-finder", "REP");
        link("Library").click();
        assertThat(link(title)).isVisible();
        assertThat(page.locator(".asset-row").filter(new Locator.FilterOptions().setHasText(title)))
                .containsText("Published");

        button("Sign out").click();
        signIn("lib-editor", TestUsers.PASSWORD);
        page.navigate("/assets/" + id);
        button("Archive").click();
        assertThat(page.locator("#flash")).containsText("Archived");
        assertThat(button("Restore from archive")).isVisible();

        button("Sign out").click();
        signIn("lib-finder", TestUsers.PASSWORD);
        page.navigate("/library");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Library");
        assertThat(link(title)).hasCount(0);
        page.navigate("/assets/" + id);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Page not found");
    }

    @Test
    void aNewVersionWithANoteJoinsTheHistoryAndVersionOneCanBeRestoredAndDownloaded() throws Exception {
        byte[] v1 = pdf("Pricing v1 " + UUID.randomUUID());
        String id = upload("lib-versioner", v1, "pricing-v1.pdf", Map.of("title", "Pricing sheet"));
        signInAs("lib-versioner", "MARKETER");
        page.navigate("/assets/" + id);

        byte[] v2 = pdf("Pricing v2 " + UUID.randomUUID());
        page.getByLabel("File", new Page.GetByLabelOptions().setExact(true)).setInputFiles(
                new FilePayload("pricing-v2.pdf", "application/pdf", v2));
        page.getByLabel("Note", new Page.GetByLabelOptions().setExact(true)).fill("Q3 prices");
        button("Upload the new version").click();
        assertThat(page.locator("#flash"))
                .hasText("Version 2 (pricing-v2.pdf) is now the current version");
        assertThat(page.locator("#version-2")).containsText("Q3 prices");
        assertThat(page.locator("#version-2")).containsText("Current");
        assertThat(page.locator("#version-2 td").first()).hasText("2 Current");
        assertThat(page.locator("#version-1")).containsText("pricing-v1.pdf");
        // each row's actions sit in that row
        Object outside = page.evaluate("() => [...document.querySelectorAll('table.versions tbody tr')]"
                + ".filter(row => { const r = row.getBoundingClientRect(); return [...row.querySelectorAll('a, button')]"
                + ".some(a => { const b = a.getBoundingClientRect(); return b.top < r.top || b.bottom > r.bottom; }); })"
                + ".map(row => row.id)");
        assertThat(outside).as("rows whose actions stick out of them").isEqualTo(List.of());

        // the current file again is refused, next to the form
        page.getByLabel("File", new Page.GetByLabelOptions().setExact(true)).setInputFiles(
                new FilePayload("pricing-v2-again.pdf", "application/pdf", v2));
        button("Upload the new version").click();
        assertThat(page.locator("#version-outcome")).hasText("The new version was not stored: This file is "
                + "identical to the current version of the asset");

        button("Restore version 1").click();
        assertThat(page.locator("#flash")).hasText("Restored version 1 as version 3");
        assertThat(page.locator("#version-3")).containsText("Restored version 1");
        assertThat(page.locator("#version-3")).containsText("pricing-v1.pdf");

        Download download = page.waitForDownload(() -> link("Download version 2").click());
        assertThat(download.suggestedFilename()).isEqualTo("pricing-v2.pdf");
        Download first = page.waitForDownload(() -> link("Download version 1").click());
        assertThat(Files.readAllBytes(first.path())).isEqualTo(v1);
    }

    @Test
    void theHomeCountsOnlyWhatRepsCanFindAndTheAssetAndDeletePagesReadCleanly() throws Exception {
        signInAs("lib-counter", "MARKETER");
        page.navigate("/marketing");
        int live = Integer.parseInt(page.locator(".cards li").first().locator("strong").textContent().strip());
        upload("lib-counter", pdf("Live " + UUID.randomUUID()), "live.pdf",
                Map.of("title", "Counted live", "status", "published"));
        upload("lib-counter", pdf("Expired " + UUID.randomUUID()), "expired.pdf", Map.of("title", "Not counted",
                "status", "published", "publishDate", LocalDate.now().minusDays(20).toString(),
                "expiresOn", LocalDate.now().minusDays(1).toString()));
        page.navigate("/marketing");
        assertThat(page.locator(".cards li").first()).containsText((live + 1) + " live");
        page.locator(".cards li").first().locator("a").click();
        assertThat(link("Counted live")).isVisible();
        assertThat(link("Not counted")).hasCount(0);

        String id = upload("lib-counter", TestFiles.docx("Quarterly plan", "Maria Marketer", 1,
                List.of("Plan for the quarter")), "plan.docx", Map.of("title", "Plan with an author"));
        new AssetClient(http, basic("lib-counter", TestUsers.PASSWORD)).derived(id);
        page.navigate("/assets/" + id);
        String text = page.locator("#text-status").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(text).contains("by Maria Marketer").doesNotStartWith(",");

        page.navigate("/assets/" + id + "/delete");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Delete \u201cPlan with an author\u201d?");
    }

    @Test
    void thePdfViewerDrawsPagesOnACanvasAndAnImageShowsInline() throws Exception {
        http.get().uri("/webjars/pdfjs-dist/build/pdf.min.mjs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript");
        String pdf = upload("lib-viewer", pdf("First page " + UUID.randomUUID(), "Second page"), "two-pages.pdf",
                Map.of("title", "Two pages", "status", "published"));
        String image = upload("lib-viewer", png(), "diagram.png", Map.of("title", "Diagram", "status", "published"));
        List<String> problems = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                problems.add(message.text());
            }
        });
        signInAs("lib-viewer-rep", "REP");
        page.navigate("/assets/" + pdf);
        link("View").click();
        assertThat(page.locator("#pdf-page")).hasText("Page 1 of 2");
        Object size = page.locator("#pdf-canvas").evaluate("c => c.width * c.height");
        assertThat(((Number) size).longValue()).isPositive();
        button("Next page").click();
        assertThat(page.locator("#pdf-page")).hasText("Page 2 of 2");
        assertThat(button("Next page")).isDisabled();
        button("Zoom in").click();
        assertThat(page.locator("#pdf-zoom")).hasText("125%");
        assertThat(page.locator("#pdf-error")).isHidden();

        page.navigate("/assets/" + image + "/view");
        Locator img = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Diagram"));
        assertThat(img).isVisible();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                ((Number) img.evaluate("i => i.complete ? i.naturalWidth : 0")).intValue() == 40);
        assertThat(problems).as("console errors (CSP violations among them)").isEmpty();
    }

    @Test
    void aMarketerIsToldWhichOfTheirAssetsExpireSoonOrHaveExpired() throws Exception {
        String soon = upload("lib-expiry", pdf("Expiring soon " + UUID.randomUUID()), "soon.pdf",
                Map.of("title", "Expiring soon", "expiresOn", LocalDate.now().plusDays(5).toString(),
                        "status", "published"));
        upload("lib-expiry", pdf("Expired " + UUID.randomUUID()), "gone.pdf",
                Map.of("title", "Expired deck", "expiresOn", LocalDate.now().minusDays(1).toString(),
                        "status", "published"));
        signInAs("lib-expiry", "MARKETER");
        assertThat(page.locator("#expiry-notice"))
                .hasText("1 of your assets expires in the next 30 days, 1 has expired");
        link("Open the library").click();
        Locator notice = page.locator("#expiry-notice");
        assertThat(notice).hasText("1 of your assets expires in the next 30 days, 1 has expired");
        assertThat(page.locator(".asset-row").filter(new Locator.FilterOptions().setHasText("Expired deck")))
                .containsText("Expired");
        notice.getByRole(AriaRole.LINK).click();
        Locator rows = page.locator(".asset-row");
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0)).containsText("Expired on " + LocalDate.now().minusDays(1));
        assertThat(rows.nth(1)).containsText("Expires on " + LocalDate.now().plusDays(5));
        rows.nth(1).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Expiring soon")).click();
        assertThat(page).hasURL(baseUrl() + "/assets/" + soon);
    }

    /** Uploads through the API as a marketer and answers the new asset's id. */
    private String upload(String marketer, byte[] bytes, String fileName, Map<String, Object> metadata) {
        users.user(marketer, "MARKETER");
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        body.part("metadata", metadata).contentType(MediaType.APPLICATION_JSON);
        return (String) http.post().uri("/api/v1/assets").header("Authorization", basic(marketer, TestUsers.PASSWORD))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JSON_MAP).returnResult().getResponseBody().get("id");
    }

    /** A PDF with one page per text. */
    static byte[] pdf(String... pages) {
        return TestFiles.pdf(pages[0], "Baton tests", List.of(pages));
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((int) (Math.random() * 0xFFFFFF)));
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
