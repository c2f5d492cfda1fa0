package dev.baton.webapp.packs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Trainers' Markdown becomes HTML without raw HTML or unsafe addresses. */
class MarkdownTest {

    @Test
    void rawHtmlIsShownAsTextNotRun() {
        String html = Markdown.html("Hello <img src=x onerror=alert(1)> and\n\n<script>alert(1)</script>");
        assertThat(html).doesNotContain("<img").doesNotContain("<script").contains("&lt;script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void onlyWebMailAndRelativeAddressesAreKept() {
        assertThat(Markdown.html("[a](javascript:alert(1))")).doesNotContain("javascript");
        assertThat(Markdown.html("[a](JavaScript:alert(1))")).doesNotContain("avaScript");
        assertThat(Markdown.html("[a](data:text/html;base64,PHNjcmlwdD4=)")).doesNotContain("data:");
        assertThat(Markdown.html("![a](javascript:alert(1))")).doesNotContain("javascript");
        assertThat(Markdown.html("[a](https://example.com/x)")).contains("href=\"https://example.com/x\"")
                .contains("rel=\"noopener noreferrer nofollow\"");
        assertThat(Markdown.html("[a](mailto:team@example.com)")).contains("href=\"mailto:team@example.com\"");
        assertThat(Markdown.html("[a](/assets/1#page-2)")).contains("href=\"/assets/1#page-2\"");
        assertThat(Markdown.html("[a](//evil.example/x)")).doesNotContain("evil.example");
    }

    @Test
    void markdownIsFormatted() {
        assertThat(Markdown.html("**Lead** with value\n\n- one\n- two")).contains("<strong>Lead</strong>")
                .contains("<li>one</li>");
        assertThat(Markdown.html("  ")).isEmpty();
    }
}
