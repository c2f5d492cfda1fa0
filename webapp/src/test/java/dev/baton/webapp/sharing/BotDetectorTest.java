package dev.baton.webapp.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BotDetectorTest {

    @Test
    void browsersPeopleUseAreNotBots() {
        assertThat(BotDetector.reason(SharingTest.DESKTOP)).isNull();
        assertThat(BotDetector.reason("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.5 Safari/605.1.15")).isNull();
        assertThat(BotDetector.reason("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 "
                + "Firefox/128.0")).isNull();
        assertThat(BotDetector.reason("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).isNull();
    }

    @Test
    void scannersCrawlersHeadlessBrowsersAndLibrariesAreBots() {
        assertThat(BotDetector.reason("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "HeadlessChrome/131.0.0.0 Safari/537.36")).contains("headlesschrome");
        assertThat(BotDetector.reason("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
                .contains("bot");
        assertThat(BotDetector.reason("Mozilla/5.0 (compatible; Proofpoint URL Defense)")).contains("proofpoint");
        assertThat(BotDetector.reason("Mimecast-Scanner/1.0")).isNotNull();
        assertThat(BotDetector.reason("Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0)"))
                .isNotNull();
        assertThat(BotDetector.reason("curl/8.5.0")).contains("curl");
        assertThat(BotDetector.reason("python-requests/2.32")).isNotNull();
        assertThat(BotDetector.reason("")).isEqualTo("no user agent");
        assertThat(BotDetector.reason(null)).isEqualTo("no user agent");
    }
}
