package dev.baton.webapp.reports;

import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.system.BatonProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * Writes a {@link WeeklyDigest} as an email: a plain-text and an HTML part saying the same, every link absolute
 * (from {@code baton.public-url}), everything people wrote (titles, comments, requests) escaped in the HTML, and a
 * one-click unsubscribe link (also as {@code List-Unsubscribe} with {@code List-Unsubscribe-Post}, RFC 8058).
 */
@Component
class DigestEmail {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final String publicUrl;
    private final DigestTokens tokens;

    DigestEmail(BatonProperties properties, DigestTokens tokens) {
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
        this.tokens = tokens;
    }

    /** The email of one digest. */
    Mono<Notifications.Email> compose(WeeklyDigest d) {
        return tokens.token(d.accountId()).map(token -> {
            String unsubscribe = url("/reports/digest/unsubscribe?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8));
            String subject = "[Baton] Your weekly digest, week of " + DAY.format(d.week());
            return new Notifications.Email(subject, plain(d, unsubscribe), html(d, unsubscribe), Map.of(
                    "List-Unsubscribe", "<" + unsubscribe + ">",
                    "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        });
    }

    /** An absolute link into Baton. */
    String url(String path) {
        return publicUrl + path;
    }

    private String asset(java.util.UUID id) {
        return url("/assets/" + id);
    }

    // ------------------------------------------------------------------ plain text

    private String plain(WeeklyDigest d, String unsubscribe) {
        StringBuilder t = new StringBuilder("Hello ").append(d.name()).append(",\n\n")
                .append("Your week in Baton (week of ").append(DAY.format(d.week())).append(").\n\n");
        if (d.unusedCount() > 0) {
            t.append("UNUSED: ").append(d.unusedCount()).append(d.unusedCount() == 1 ? " asset" : " assets")
                    .append(" of yours nobody used in the last ").append(d.unusedWindow()).append(" days\n");
            d.unused().forEach(a -> t.append("- ").append(a.title()).append(" (").append(a.cause()).append(")\n  ")
                    .append(asset(a.assetId())).append('\n'));
            t.append("All of them: ").append(url("/reports/unused?owner=" + d.accountId())).append("\n\n");
        }
        if (d.openFlags() + d.newComments() + d.newRatings() > 0) {
            t.append("FEEDBACK: ").append(feedbackSummary(d)).append('\n');
            d.feedback().forEach(f -> t.append("- ").append(f.title()).append(": ").append(f.what()).append("\n  ")
                    .append(asset(f.assetId())).append('\n'));
            t.append("Answer them in your inbox: ").append(url("/inbox")).append("\n\n");
        }
        if (!d.top().isEmpty()) {
            t.append("TOP this week (uses in the last 7 days)\n");
            d.top().forEach(a -> t.append("- ").append(a.title()).append(": ").append(a.uses()).append(" uses\n  ")
                    .append(asset(a.assetId())).append('\n'));
            t.append('\n');
        }
        if (!d.rising().isEmpty()) {
            t.append("RISING (against the 7 days before)\n");
            d.rising().forEach(a -> t.append("- ").append(a.title()).append(": ").append(a.uses()).append(" uses, ")
                    .append(a.previous()).append(" the week before\n  ").append(asset(a.assetId())).append('\n'));
            t.append('\n');
        }
        if (!d.top().isEmpty() || !d.rising().isEmpty()) {
            t.append("The usage report: ").append(url("/reports/usage?window=7&by=asset")).append("\n\n");
        }
        if (d.assignedCount() + d.unassignedCount() > 0) {
            t.append("OPEN CONTENT REQUESTS: ").append(d.openOverall()).append(" open");
            if (d.breachedOverall() > 0) {
                t.append(", ").append(d.breachedOverall()).append(" PAST THE SERVICE LEVEL");
            }
            t.append('\n');
            if (d.assignedCount() > 0) {
                t.append("Assigned to you (").append(d.assignedCount()).append("):\n");
                d.assigned().forEach(r -> plainRequest(t, r));
            }
            if (d.unassignedCount() > 0) {
                t.append("Nobody assigned yet (").append(d.unassignedCount()).append("):\n");
                d.unassigned().forEach(r -> plainRequest(t, r));
            }
            t.append("All requests: ").append(url("/requests")).append("\n\n");
        }
        return t.append("--\nYou get this weekly digest because you own published assets in Baton.\n")
                .append("Change your email settings: ").append(url("/notifications/preferences")).append('\n')
                .append("Unsubscribe from the digest: ").append(unsubscribe).append('\n')
                .toString();
    }

    private static void plainRequest(StringBuilder t, WeeklyDigest.RequestItem r) {
        t.append("- ").append(r.breached() ? "[OVERDUE] " : "").append('"').append(r.what()).append("\" (")
                .append(r.status()).append(", due ").append(DAY.format(r.dueOn())).append(", asked by ")
                .append(r.requesters()).append(r.requesters() == 1 ? " person" : " people").append(")\n");
    }

    private static String feedbackSummary(WeeklyDigest d) {
        List<String> parts = new java.util.ArrayList<>();
        if (d.openFlags() > 0) {
            parts.add(d.openFlags() + (d.openFlags() == 1 ? " open flag" : " open flags"));
        }
        if (d.newComments() > 0) {
            parts.add(d.newComments() + (d.newComments() == 1 ? " new comment" : " new comments"));
        }
        if (d.newRatings() > 0) {
            parts.add(d.newRatings() + (d.newRatings() == 1 ? " new rating" : " new ratings"));
        }
        return String.join(", ", parts) + " on your assets";
    }

    // ------------------------------------------------------------------ HTML

    private String html(WeeklyDigest d, String unsubscribe) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif\">")
                .append("<p>Hello ").append(esc(d.name())).append(",</p><p>Your week in Baton (week of ")
                .append(esc(DAY.format(d.week()))).append(").</p>");
        if (d.unusedCount() > 0) {
            h.append("<h2>Unused: ").append(d.unusedCount()).append(d.unusedCount() == 1 ? " asset" : " assets")
                    .append("</h2><p>Nobody used these in the last ").append(d.unusedWindow()).append(" days:</p>");
            list(h, d.unused(), a -> link(asset(a.assetId()), a.title()) + " <span style=\"color: #666\">"
                    + esc(a.cause()) + "</span>");
            h.append("<p>").append(link(url("/reports/unused?owner=" + d.accountId()), "See all of them in the "
                    + "unused report")).append("</p>");
        }
        if (d.openFlags() + d.newComments() + d.newRatings() > 0) {
            h.append("<h2>Feedback</h2><p>").append(esc(feedbackSummary(d))).append(":</p>");
            list(h, d.feedback(), f -> link(asset(f.assetId()), f.title()) + ": "
                    + ("FLAG".equals(f.kind()) ? "<strong>" + esc(f.what()) + "</strong>" : esc(f.what())));
            h.append("<p>").append(link(url("/inbox"), "Answer them in your inbox")).append("</p>");
        }
        if (!d.top().isEmpty()) {
            h.append("<h2>Top this week</h2>");
            list(h, d.top(), a -> link(asset(a.assetId()), a.title()) + ": " + a.uses() + " uses");
        }
        if (!d.rising().isEmpty()) {
            h.append("<h2>Rising</h2>");
            list(h, d.rising(), a -> link(asset(a.assetId()), a.title()) + ": " + a.uses() + " uses, "
                    + a.previous() + " the week before");
        }
        if (!d.top().isEmpty() || !d.rising().isEmpty()) {
            h.append("<p>").append(link(url("/reports/usage?window=7&by=asset"), "The usage report")).append("</p>");
        }
        if (d.assignedCount() + d.unassignedCount() > 0) {
            h.append("<h2>Open content requests</h2><p>").append(d.openOverall()).append(" open");
            if (d.breachedOverall() > 0) {
                h.append(", <strong style=\"color: #b00020\">").append(d.breachedOverall())
                        .append(" past the service level</strong>");
            }
            h.append(".</p>");
            if (d.assignedCount() > 0) {
                h.append("<p>Assigned to you (").append(d.assignedCount()).append("):</p>");
                list(h, d.assigned(), DigestEmail::htmlRequest);
            }
            if (d.unassignedCount() > 0) {
                h.append("<p>Nobody assigned yet (").append(d.unassignedCount()).append("):</p>");
                list(h, d.unassigned(), DigestEmail::htmlRequest);
            }
            h.append("<p>").append(link(url("/requests"), "All requests")).append("</p>");
        }
        return h.append("<p style=\"color: #666; font-size: small\">You get this weekly digest because you own "
                        + "published assets in Baton. ")
                .append(link(url("/notifications/preferences"), "Email settings")).append(" · ")
                .append(link(unsubscribe, "Unsubscribe from the digest")).append("</p></body></html>").toString();
    }

    private static String htmlRequest(WeeklyDigest.RequestItem r) {
        String text = "“" + esc(r.what()) + "” <span style=\"color: #666\">" + esc(r.status()) + ", due "
                + esc(DAY.format(r.dueOn())) + ", asked by " + r.requesters()
                + (r.requesters() == 1 ? " person" : " people") + "</span>";
        return r.breached() ? "<strong style=\"color: #b00020\">Overdue:</strong> " + text : text;
    }

    private static <T> void list(StringBuilder h, List<T> items, Function<T, String> item) {
        h.append("<ul>");
        items.forEach(i -> h.append("<li>").append(item.apply(i)).append("</li>"));
        h.append("</ul>");
    }

    private static String link(String href, String text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }
}
