package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every endpoint × every role (and anonymous) against the expected status, through real HTTP: the API with HTTP
 * Basic, pages with a real form sign-in session. A second test proves the table names every endpoint there is.
 */
class EndpointAuthorizationTest extends BatonTest {

    private static final String ANON = "anonymous";
    private static final List<String> WHO = List.of(ANON, "REP", "MARKETER", "TRAINER", "ADMIN");

    /** method, path, then the expected status for anonymous, rep, marketer, trainer, admin. */
    private static final List<Row> TABLE = List.of(
            // pages: anonymous is sent to sign in (302); a role that may not open a page gets 403;
            // the app's own redirects after a form post are 303 See Other
            row("GET", "/", 302, 303, 303, 303, 303),
            row("GET", "/login", 200, 200, 200, 200, 200),
            row("GET", "/rep", 302, 303, 303, 303, 303),
            row("GET", "/marketing", 302, 403, 200, 403, 200),
            row("GET", "/training", 302, 403, 403, 200, 200),
            // enablement packs: trainers (and admins) build under /training, everyone reads their own under /packs;
            // {id} is a pack nobody has: a page shows 404, a form post says so after its redirect; an empty form
            // names no title
            row("POST", "/training/packs", 302, 403, 403, 303, 303),
            row("GET", "/training/packs/{id}", 302, 403, 403, 404, 404),
            row("POST", "/training/packs/{id}", 302, 403, 403, 303, 303),
            row("POST", "/training/packs/{id}/items", 302, 403, 403, 303, 303),
            row("POST", "/training/packs/{id}/items/{key}", 302, 403, 403, 303, 303),
            row("POST", "/training/packs/{id}/questions", 302, 403, 403, 303, 303),
            row("POST", "/training/packs/{id}/questions/{key}/remove", 302, 403, 403, 303, 303),
            row("POST", "/training/packs/{id}/revise", 302, 403, 403, 303, 303),
            row("POST", "/training/packs/{id}/discard", 302, 403, 403, 303, 303),
            row("POST", "/training/packs/{id}/publish", 302, 403, 403, 303, 303),
            row("POST", "/training/packs/{id}/retire", 302, 403, 403, 303, 303),
            row("GET", "/training/packs/{id}/progress", 302, 403, 403, 404, 404),
            row("POST", "/training/packs/{id}/nudge", 302, 403, 403, 303, 303),
            row("GET", "/training/packs/{id}/funnel", 302, 403, 403, 404, 404),
            row("GET", "/packs", 302, 200, 200, 200, 200),
            row("GET", "/packs/{id}", 302, 404, 404, 404, 404),
            row("GET", "/packs/{id}/items/{key}", 302, 404, 404, 404, 404),
            row("POST", "/packs/{id}/items/{key}/acknowledge", 302, 303, 303, 303, 303),
            row("POST", "/packs/{id}/quiz", 302, 303, 303, 303, 303),
            row("GET", "/packs/{id}/share", 302, 404, 404, 404, 404),
            row("POST", "/packs/{id}/share", 302, 404, 404, 404, 404),
            row("GET", "/admin", 302, 403, 403, 403, 200),
            row("GET", "/admin/users", 302, 403, 403, 403, 200),
            row("POST", "/admin/users", 302, 403, 403, 403, 200),
            row("POST", "/admin/users/{id}", 302, 403, 403, 403, 303),
            // an admin resets a password (an empty form: Baton makes one); anyone changes their own (an empty form is
            // shown again with its problem)
            row("POST", "/admin/users/{id}/password", 302, 403, 403, 403, 303),
            row("GET", "/account/password", 302, 200, 200, 200, 200),
            row("POST", "/account/password", 302, 200, 200, 200, 200),
            row("GET", "/admin/tokens", 302, 403, 403, 403, 200),
            row("POST", "/admin/tokens", 302, 403, 403, 403, 303),
            row("POST", "/admin/tokens/{id}/revoke", 302, 403, 403, 403, 303),
            row("GET", "/admin/audit", 302, 403, 403, 403, 200),
            // teams, admins only: {id} is a team nobody has (the page says so after the redirect); an empty form or
            // body names no team
            // single sign-on, admins only: an empty form is refused with its problem after the redirect
            row("GET", "/admin/sso", 302, 403, 403, 403, 200),
            row("POST", "/admin/sso/mappings", 302, 403, 403, 403, 303),
            row("POST", "/admin/sso/mappings/remove", 302, 403, 403, 403, 303),
            row("POST", "/admin/sso/settings", 302, 403, 403, 403, 303),
            row("GET", "/admin/teams", 302, 403, 403, 403, 200),
            row("POST", "/admin/teams", 302, 403, 403, 403, 303),
            row("POST", "/admin/teams/{id}", 302, 403, 403, 403, 303),
            row("POST", "/admin/teams/{id}/delete", 302, 403, 403, 403, 303),
            row("GET", "/glossary", 302, 200, 200, 200, 200),
            // the taxonomy's admin page: {facet}/{key} is persona/champion; an empty form adds nothing (shown again
            // with its problem) and changes nothing; retired, then reinstated, so it ends as it began
            row("GET", "/admin/taxonomy", 302, 403, 403, 403, 200),
            row("POST", "/admin/taxonomy/{facet}/values", 302, 403, 403, 403, 200),
            row("POST", "/admin/taxonomy/{facet}/values/{key}", 302, 403, 403, 403, 303),
            row("POST", "/admin/taxonomy/{facet}/values/{key}/retire", 302, 403, 403, 403, 303),
            row("POST", "/admin/taxonomy/{facet}/values/{key}/reinstate", 302, 403, 403, 403, 303),
            // influence, coverage and stage-drift reports: marketers and admins; a cell without its stage and
            // persona is refused by whoever may see it
            row("GET", "/reports/influence", 302, 403, 200, 403, 200),
            row("GET", "/reports/influence.csv", 302, 403, 200, 403, 200),
            row("GET", "/reports/influence.json", 302, 403, 200, 403, 200),
            row("GET", "/reports/coverage", 302, 403, 200, 403, 200),
            row("GET", "/reports/coverage.csv", 302, 403, 200, 403, 200),
            row("GET", "/reports/coverage.json", 302, 403, 200, 403, 200),
            row("GET", "/reports/coverage/cell", 302, 403, 400, 403, 400),
            row("GET", "/reports/stage-drift", 302, 403, 200, 403, 200),
            row("GET", "/reports/stage-drift.csv", 302, 403, 200, 403, 200),
            row("GET", "/reports/stage-drift.json", 302, 403, 200, 403, 200),
            row("POST", "/reports/stage-drift/notify", 302, 403, 303, 403, 303),
            row("GET", "/no-such-page", 302, 404, 404, 404, 404),
            // review before publish: the queue, reviews and the report are marketers' and reviewers'; a review
            // {id} nobody has; an empty form names no decision (400) and no rule scope (400)
            row("GET", "/reviews", 302, 403, 200, 403, 200),
            row("GET", "/reviews/unreviewed", 302, 403, 200, 403, 200),
            row("GET", "/reviews/{id}", 302, 403, 404, 403, 404),
            row("POST", "/reviews/{id}/decision", 302, 403, 400, 403, 400),
            row("POST", "/reviews/{id}/withdraw", 302, 403, 404, 403, 404),
            row("GET", "/assets/{id}/review", 302, 404, 404, 404, 404),
            row("POST", "/assets/{id}/review", 302, 403, 404, 403, 404),
            row("GET", "/admin/reviews", 302, 403, 403, 403, 200),
            row("POST", "/admin/reviews/rules", 302, 403, 403, 403, 400),
            row("POST", "/admin/reviews/rules/{id}/delete", 302, 403, 403, 403, 404),
            // content pages: {id} is an asset nobody has, so whoever may reach a page gets its 404
            row("GET", "/library", 302, 200, 200, 200, 200),
            row("GET", "/assets/{id}", 302, 404, 404, 404, 404),
            row("GET", "/assets/{id}/file", 302, 404, 404, 404, 404),
            row("GET", "/assets/{id}/thumbnail", 302, 404, 404, 404, 404),
            row("GET", "/assets/{id}/view", 302, 404, 404, 404, 404),
            row("GET", "/assets/{id}/pages", 302, 404, 404, 404, 404),
            row("GET", "/assets/{id}/pages/{page}", 302, 404, 404, 404, 404),
            row("GET", "/assets/{id}/versions/{version}/file", 302, 403, 404, 403, 404),
            // a plain form post is not multipart: the upload answers 415 once the role may upload (as the API)
            row("POST", "/assets", 302, 403, 415, 403, 415),
            row("GET", "/assets/{id}/edit", 302, 403, 404, 403, 404),
            row("POST", "/assets/{id}/edit", 302, 403, 404, 403, 404),
            row("POST", "/assets/{id}/publish", 302, 403, 404, 403, 404),
            row("POST", "/assets/{id}/archive", 302, 403, 404, 403, 404),
            row("POST", "/assets/{id}/unarchive", 302, 403, 404, 403, 404),
            row("GET", "/assets/{id}/delete", 302, 403, 404, 403, 404),
            row("POST", "/assets/{id}/delete", 302, 403, 404, 403, 404),
            row("POST", "/assets/{id}/versions", 302, 403, 404, 403, 404),
            row("POST", "/assets/{id}/versions/{version}/restore", 302, 403, 404, 403, 404),
            // trying an asset's failed text, thumbnail and page images again: marketers and admins
            row("POST", "/assets/{id}/derived/retry", 302, 403, 404, 403, 404),
            // a form post without a ZIP shows the import page again with the reason
            row("GET", "/imports", 302, 403, 200, 403, 200),
            row("POST", "/imports", 302, 403, 200, 403, 200),
            row("GET", "/imports/{id}", 302, 403, 404, 403, 404),
            row("GET", "/imports/{id}/progress", 302, 403, 404, 403, 404),
            // search pages: an open without an asset id, a content request without any content and a request id
            // nobody has are refused by whoever may use the page
            row("GET", "/search", 302, 200, 200, 200, 200),
            row("GET", "/search/suggest", 302, 200, 200, 200, 200),
            row("GET", "/search/open", 302, 400, 400, 400, 400),
            row("POST", "/search/request", 302, 400, 400, 400, 400),
            row("GET", "/assets/{id}/related", 302, 404, 404, 404, 404),
            // feedback pages: {id} is a request or feedback nobody has; an empty form says nothing (400)
            row("GET", "/requests", 302, 403, 200, 403, 200),
            row("GET", "/requests/mine", 302, 200, 200, 200, 200),
            row("POST", "/requests/{id}", 302, 403, 400, 403, 400),
            row("POST", "/requests/{id}/matches/{assetId}/confirm", 302, 403, 404, 403, 404),
            row("POST", "/requests/{id}/matches/{assetId}/reject", 302, 403, 404, 403, 404),
            row("POST", "/requests/service-level", 302, 403, 403, 403, 400),
            row("GET", "/inbox", 302, 403, 200, 403, 200),
            row("POST", "/inbox/{id}/reply", 302, 403, 400, 403, 400),
            row("GET", "/reports/search-gaps", 302, 403, 200, 403, 200),
            row("GET", "/reports/search-gaps.csv", 302, 403, 200, 403, 200),
            row("GET", "/reports/search-gaps.json", 302, 403, 200, 403, 200),
            row("POST", "/reports/search-gaps/requests", 302, 403, 400, 403, 400),
            row("GET", "/assets/{id}/feedback", 302, 404, 404, 404, 404),
            row("POST", "/assets/{id}/feedback/rating", 302, 400, 400, 400, 400),
            row("POST", "/assets/{id}/feedback/comments", 302, 400, 400, 400, 400),
            row("POST", "/assets/{id}/feedback/flags", 302, 400, 400, 400, 400),
            row("POST", "/assets/{id}/feedback/not-shared", 302, 400, 400, 400, 400),
            // notifications: everyone's own; {id} is a notification the caller does not have
            row("GET", "/notifications", 302, 200, 200, 200, 200),
            row("POST", "/notifications/{id}/read", 302, 404, 404, 404, 404),
            row("POST", "/notifications/read-all", 302, 303, 303, 303, 303),
            row("GET", "/notifications/preferences", 302, 200, 200, 200, 200),
            // reports: everyone sees their usage (reps and trainers their own), marketers and admins the rest;
            // an empty action form names no assets; only admins change the settings
            row("GET", "/reports", 302, 200, 200, 200, 200),
            row("POST", "/reports/settings", 302, 403, 403, 403, 303),
            // the weekly digest's unsubscribe link: public (its signed token decides); without a token it is a 400
            row("GET", "/reports/digest/unsubscribe", 400, 400, 400, 400, 400),
            row("POST", "/reports/digest/unsubscribe", 400, 400, 400, 400, 400),
            row("GET", "/reports/usage", 302, 200, 200, 200, 200),
            row("GET", "/reports/unused", 302, 403, 200, 403, 200),
            // the joint scorecard: everyone signed in reads it; admins edit its definitions (no such figure: 404)
            row("GET", "/reports/scorecard", 302, 200, 200, 200, 200),
            row("GET", "/reports/scorecard.csv", 302, 200, 200, 200, 200),
            row("GET", "/reports/scorecard.json", 302, 200, 200, 200, 200),
            row("POST", "/reports/scorecard/definitions/{key}", 302, 403, 403, 403, 404),
            row("POST", "/reports/unused/actions", 302, 403, 400, 403, 400),
            row("POST", "/notifications/preferences", 302, 303, 303, 303, 303),
            row("GET", "/admin/search", 302, 403, 403, 403, 200),
            row("POST", "/admin/search/check", 302, 403, 403, 403, 200),
            row("POST", "/admin/search/rebuild", 302, 403, 403, 403, 200),
            row("POST", "/admin/search/synonyms", 302, 403, 403, 403, 200),
            // assets whose text is unavailable, and retrying all of them: admins only
            row("GET", "/admin/derived", 302, 403, 403, 403, 200),
            row("POST", "/admin/derived/retry", 302, 403, 403, 403, 200),
            // a form post without a URL shows the webhooks page again with the reason
            row("GET", "/admin/webhooks", 302, 403, 403, 403, 200),
            row("POST", "/admin/webhooks", 302, 403, 403, 403, 200),
            row("GET", "/admin/webhooks/{id}", 302, 403, 403, 403, 404),
            row("POST", "/admin/webhooks/{id}/secret", 302, 403, 403, 403, 404),
            row("POST", "/admin/webhooks/{id}/pause", 302, 403, 403, 403, 404),
            row("POST", "/admin/webhooks/{id}/resume", 302, 403, 403, 403, 404),
            row("POST", "/admin/webhooks/{id}/delete", 302, 403, 403, 403, 404),
            row("POST", "/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver", 302, 403, 403, 403, 404),
            // deal pages: {id} is a deal nobody has; an empty form is shown again with its problems (400); the
            // import page answers 200 with the problem (htmx swaps only successful answers)
            row("GET", "/deals", 302, 200, 200, 200, 200),
            row("GET", "/deals/new", 302, 200, 200, 200, 200),
            row("POST", "/deals", 302, 400, 400, 400, 400),
            row("GET", "/deals/{id}", 302, 404, 404, 404, 404),
            row("GET", "/deals/{id}/edit", 302, 404, 404, 404, 404),
            row("POST", "/deals/{id}/edit", 302, 404, 404, 404, 404),
            row("GET", "/deals/import", 302, 200, 200, 200, 200),
            row("POST", "/deals/import", 302, 200, 200, 200, 200),
            row("GET", "/admin/crm", 302, 403, 403, 403, 200),
            row("POST", "/admin/crm", 302, 403, 403, 403, 400),
            row("POST", "/admin/crm/{crm}/stages", 302, 403, 403, 403, 404),
            row("POST", "/admin/crm/{crm}/delete", 302, 403, 403, 403, 404),
            // share pages (any signed-in role): {id} is a link or deal nobody has; an empty form names no asset
            row("GET", "/shares", 302, 200, 200, 200, 200),
            row("GET", "/shares/new", 302, 200, 200, 200, 200),
            row("POST", "/shares", 302, 400, 400, 400, 400),
            row("POST", "/shares/move-to-latest", 302, 303, 303, 303, 303),
            row("GET", "/shares/{id}", 302, 404, 404, 404, 404),
            row("POST", "/shares/{id}", 302, 404, 404, 404, 404),
            row("POST", "/shares/{id}/revoke", 302, 404, 404, 404, 404),
            row("GET", "/deals/{id}/shares", 302, 404, 404, 404, 404),
            // the buyer's viewer: public, the same for everyone; {token} is a link nobody has (a miss: 404); a form
            // is no beacon (415: beacons are text or JSON)
            row("GET", "/s/{token}", 404, 404, 404, 404, 404),
            row("POST", "/s/{token}", 404, 404, 404, 404, 404),
            row("GET", "/s/{token}/items/{n}/file", 404, 404, 404, 404, 404),
            row("GET", "/s/{token}/items/{n}/download", 404, 404, 404, 404, 404),
            row("GET", "/s/{token}/items/{n}/pages/{page}", 404, 404, 404, 404, 404),
            row("POST", "/s/{token}/beacon", 415, 415, 415, 415, 415),
            // API: anonymous gets 401, a role that may not gets 403
            row("GET", "/api/v1/me", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/users", 401, 403, 403, 403, 200),
            row("GET", "/api/v1/users/{id}", 401, 403, 403, 403, 200),
            row("POST", "/api/v1/users", 401, 403, 403, 403, 400),
            row("PATCH", "/api/v1/users/{id}", 401, 403, 403, 403, 200),
            row("PUT", "/api/v1/users/{id}/password", 401, 403, 403, 403, 400),
            row("POST", "/api/v1/users/{id}/password-reset", 401, 403, 403, 403, 200),
            row("GET", "/api/v1/tokens", 401, 403, 403, 403, 200),
            row("POST", "/api/v1/tokens", 401, 403, 403, 403, 400),
            row("DELETE", "/api/v1/tokens/{id}", 401, 403, 403, 403, 404),
            row("GET", "/api/v1/audit", 401, 403, 403, 403, 200),
            row("GET", "/api/v1/taxonomy", 401, 200, 200, 200, 200),
            row("POST", "/api/v1/taxonomy/{facet}/values", 401, 403, 403, 403, 400),
            row("PATCH", "/api/v1/taxonomy/{facet}/values/{key}", 401, 403, 403, 403, 200),
            row("GET", "/api/v1/assets", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/assets/{id}", 401, 404, 404, 404, 404),
            // an empty JSON body is not a multipart upload: 415 once the role may upload
            row("POST", "/api/v1/assets", 401, 403, 415, 403, 415),
            row("GET", "/api/v1/assets/{id}/versions", 401, 403, 404, 403, 404),
            row("POST", "/api/v1/assets/{id}/versions", 401, 403, 415, 403, 415),
            row("GET", "/api/v1/assets/expiring", 401, 200, 200, 200, 200),
            row("PATCH", "/api/v1/assets/{id}", 401, 403, 404, 403, 404),
            row("DELETE", "/api/v1/assets/{id}", 401, 403, 404, 403, 404),
            row("POST", "/api/v1/assets/{id}/publish", 401, 403, 404, 403, 404),
            row("POST", "/api/v1/assets/{id}/archive", 401, 403, 404, 403, 404),
            row("POST", "/api/v1/assets/{id}/unarchive", 401, 403, 404, 403, 404),
            row("POST", "/api/v1/assets/{id}/versions/{version}/restore", 401, 403, 404, 403, 404),
            row("POST", "/api/v1/assets/{id}/derived/retry", 401, 403, 404, 403, 404),
            row("GET", "/api/v1/derived/failed", 401, 403, 403, 403, 200),
            row("POST", "/api/v1/derived/retry", 401, 403, 403, 403, 202),
            row("GET", "/api/v1/assets/{id}/versions/{version}/file", 401, 403, 404, 403, 404),
            row("GET", "/api/v1/assets/{id}/file", 401, 404, 404, 404, 404),
            row("GET", "/api/v1/assets/{id}/thumbnail", 401, 404, 404, 404, 404),
            row("GET", "/api/v1/assets/{id}/pages", 401, 404, 404, 404, 404),
            row("GET", "/api/v1/assets/{id}/pages/{page}", 401, 404, 404, 404, 404),
            row("GET", "/api/v1/assets/{id}/usage", 401, 404, 404, 404, 404),
            // an empty JSON body names no action: 400 for whoever may record usage
            row("POST", "/api/v1/assets/{id}/usage", 401, 400, 400, 400, 400),
            // events from other tools: an empty JSON object carries no events
            row("POST", "/api/v1/events", 401, 400, 400, 400, 400),
            row("GET", "/api/v1/notifications", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/notifications/unread-count", 401, 200, 200, 200, 200),
            row("POST", "/api/v1/notifications/{id}/read", 401, 404, 404, 404, 404),
            row("POST", "/api/v1/notifications/read-all", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/notifications/preferences", 401, 200, 200, 200, 200),
            // an empty JSON object changes nothing
            row("PUT", "/api/v1/notifications/preferences", 401, 200, 200, 200, 200),
            // reports: an empty JSON object names no action, or no setting
            row("GET", "/api/v1/reports/usage", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/reports/usage/export.csv", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/reports/unused", 401, 403, 200, 403, 200),
            row("GET", "/api/v1/reports/unused/export.csv", 401, 403, 200, 403, 200),
            row("POST", "/api/v1/reports/unused/actions", 401, 403, 400, 403, 400),
            row("GET", "/api/v1/reports/settings", 401, 403, 200, 403, 200),
            row("PUT", "/api/v1/reports/settings", 401, 403, 403, 403, 400),
            row("GET", "/api/v1/reports/scorecard", 401, 200, 200, 200, 200),
            row("PUT", "/api/v1/reports/scorecard/definitions/{key}", 401, 403, 403, 403, 404),
            // the weekly digest: marketers and admins choose; admins send now (an empty body names nobody)
            row("GET", "/api/v1/reports/digest/subscription", 401, 403, 200, 403, 200),
            row("PUT", "/api/v1/reports/digest/subscription", 401, 403, 400, 403, 400),
            row("POST", "/api/v1/reports/digest/run", 401, 403, 403, 403, 400),
            row("GET", "/api/v1/imports", 401, 403, 200, 403, 200),
            row("GET", "/api/v1/imports/{id}", 401, 403, 404, 403, 404),
            row("POST", "/api/v1/imports", 401, 403, 415, 403, 415),
            row("GET", "/api/v1/openapi", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/openapi.yaml", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/search", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/search/suggest", 401, 200, 200, 200, 200),
            // an empty JSON body names no asset
            row("POST", "/api/v1/search/{searchId}/opened", 401, 400, 400, 400, 400),
            row("GET", "/api/v1/assets/{id}/related", 401, 404, 404, 404, 404),
            row("GET", "/api/v1/search/synonyms", 401, 200, 200, 200, 200),
            row("PUT", "/api/v1/search/synonyms", 401, 403, 403, 403, 400),
            row("GET", "/api/v1/search/index", 401, 403, 403, 403, 200),
            row("POST", "/api/v1/search/index/check", 401, 403, 403, 403, 200),
            row("POST", "/api/v1/search/index/rebuild", 401, 403, 403, 403, 202),
            row("POST", "/api/v1/content-requests", 401, 400, 400, 400, 400),
            row("GET", "/api/v1/content-requests", 401, 403, 200, 403, 200),
            row("GET", "/api/v1/content-requests/mine", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/content-requests/service-level", 401, 200, 200, 200, 200),
            row("PUT", "/api/v1/content-requests/service-level", 401, 403, 403, 403, 400),
            row("GET", "/api/v1/content-requests/{id}", 401, 404, 404, 404, 404),
            row("PATCH", "/api/v1/content-requests/{id}", 401, 403, 400, 403, 400),
            row("POST", "/api/v1/content-requests/{id}/matches/{assetId}/confirm", 401, 403, 404, 403, 404),
            row("POST", "/api/v1/content-requests/{id}/matches/{assetId}/reject", 401, 403, 404, 403, 404),
            // feedback on assets: {id} is an asset nobody has; an empty body says nothing (400)
            row("GET", "/api/v1/feedback/assets/{id}", 401, 404, 404, 404, 404),
            row("PUT", "/api/v1/feedback/assets/{id}/rating", 401, 400, 400, 400, 400),
            row("POST", "/api/v1/feedback/assets/{id}/comments", 401, 400, 400, 400, 400),
            row("POST", "/api/v1/feedback/assets/{id}/flags", 401, 400, 400, 400, 400),
            row("POST", "/api/v1/feedback/assets/{id}/not-shared", 401, 400, 400, 400, 400),
            row("GET", "/api/v1/feedback/inbox", 401, 403, 200, 403, 200),
            row("POST", "/api/v1/feedback/{id}/reply", 401, 403, 400, 403, 400),
            row("GET", "/api/v1/reports/search-gaps", 401, 403, 200, 403, 200),
            row("POST", "/api/v1/reports/search-gaps/requests", 401, 403, 400, 403, 400),
            // webhooks, admins only: {id} is a subscription nobody has; an empty subscription names no events
            row("GET", "/api/v1/webhooks", 401, 403, 403, 403, 200),
            row("POST", "/api/v1/webhooks", 401, 403, 403, 403, 400),
            row("GET", "/api/v1/webhooks/event-types", 401, 403, 403, 403, 200),
            row("GET", "/api/v1/webhooks/notices", 401, 403, 403, 403, 200),
            row("GET", "/api/v1/webhooks/{id}", 401, 403, 403, 403, 404),
            row("PATCH", "/api/v1/webhooks/{id}", 401, 403, 403, 403, 404),
            row("DELETE", "/api/v1/webhooks/{id}", 401, 403, 403, 403, 404),
            row("POST", "/api/v1/webhooks/{id}/secret", 401, 403, 403, 403, 404),
            row("GET", "/api/v1/webhooks/{id}/deliveries", 401, 403, 403, 403, 404),
            row("POST", "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", 401, 403, 403, 403, 404),
            // deals: an empty body names no deal (400); {id} is a deal nobody has; JSON is not CSV (415)
            row("PUT", "/api/v1/deals/{crm}/{externalId}", 401, 400, 400, 400, 400),
            row("GET", "/api/v1/deals", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/deals/{id}", 401, 404, 404, 404, 404),
            row("GET", "/api/v1/deals/{id}/stages", 401, 404, 404, 404, 404),
            row("POST", "/api/v1/deals/import", 401, 415, 415, 415, 415),
            // the CRM webhook is public and authenticated by its signature alone: none here, so 401 for everyone
            row("POST", "/api/v1/crm/{crm}/webhook", 401, 401, 401, 401, 401),
            // share links: any signed-in role; an empty JSON body names no asset; {id} is a link nobody has
            row("POST", "/api/v1/shares", 401, 400, 400, 400, 400),
            row("GET", "/api/v1/shares", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/shares/superseded", 401, 200, 200, 200, 200),
            row("POST", "/api/v1/shares/move-to-latest", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/shares/{id}", 401, 404, 404, 404, 404),
            row("GET", "/api/v1/shares/{id}/visits", 401, 404, 404, 404, 404),
            row("PATCH", "/api/v1/shares/{id}", 401, 404, 404, 404, 404),
            row("POST", "/api/v1/shares/{id}/revoke", 401, 404, 404, 404, 404),
            row("GET", "/api/v1/teams", 401, 403, 403, 403, 200),
            row("POST", "/api/v1/teams", 401, 403, 403, 403, 400),
            // single sign-on: admins only; an empty mapping names no group (400), an empty settings change keeps all
            row("GET", "/api/v1/sso", 401, 403, 403, 403, 200),
            row("GET", "/api/v1/sso/settings", 401, 403, 403, 403, 200),
            row("PUT", "/api/v1/sso/settings", 401, 403, 403, 403, 200),
            row("PUT", "/api/v1/sso/mappings", 401, 403, 403, 403, 400),
            row("DELETE", "/api/v1/sso/mappings", 401, 403, 403, 403, 400),
            row("GET", "/api/v1/teams/{id}", 401, 403, 403, 403, 404),
            row("PATCH", "/api/v1/teams/{id}", 401, 403, 403, 403, 400),
            row("PUT", "/api/v1/teams/{id}/members", 401, 403, 403, 403, 404),
            row("DELETE", "/api/v1/teams/{id}", 401, 403, 403, 403, 404),
            // packs: authoring for trainers and admins (an empty body has no title); anyone signed in reads the packs
            // assigned to them ({id}: a pack nobody has)
            row("GET", "/api/v1/packs", 401, 403, 403, 200, 200),
            // the teams and people a pack's audience may name: trainers cannot read the admins' lists
            row("GET", "/api/v1/packs/audience", 401, 403, 403, 200, 200),
            row("POST", "/api/v1/packs", 401, 403, 403, 400, 400),
            row("GET", "/api/v1/packs/{id}", 401, 403, 403, 404, 404),
            row("PUT", "/api/v1/packs/{id}/draft", 401, 403, 403, 400, 400),
            row("DELETE", "/api/v1/packs/{id}/draft", 401, 403, 403, 404, 404),
            row("POST", "/api/v1/packs/{id}/revise", 401, 403, 403, 404, 404),
            row("POST", "/api/v1/packs/{id}/publish", 401, 403, 403, 404, 404),
            row("POST", "/api/v1/packs/{id}/retire", 401, 403, 403, 404, 404),
            row("GET", "/api/v1/packs/{id}/versions/{version}", 401, 403, 403, 404, 404),
            row("GET", "/api/v1/packs/{id}/progress", 401, 403, 403, 404, 404),
            row("POST", "/api/v1/packs/{id}/nudge", 401, 403, 403, 404, 404),
            row("GET", "/api/v1/packs/{id}/funnel", 401, 403, 403, 404, 404),
            row("GET", "/api/v1/packs/assigned", 401, 200, 200, 200, 200),
            row("GET", "/api/v1/packs/assigned/{id}", 401, 404, 404, 404, 404),
            row("POST", "/api/v1/packs/assigned/{id}/items/{key}/open", 401, 404, 404, 404, 404),
            row("POST", "/api/v1/packs/assigned/{id}/items/{key}/acknowledge", 401, 404, 404, 404, 404),
            row("POST", "/api/v1/packs/assigned/{id}/quiz", 401, 404, 404, 404, 404),
            row("POST", "/api/v1/packs/assigned/{id}/share", 401, 404, 404, 404, 404),
            row("GET", "/api/v1/reports/influence", 401, 403, 200, 403, 200),
            row("GET", "/api/v1/reports/coverage", 401, 403, 200, 403, 200),
            row("GET", "/api/v1/reports/coverage/cell", 401, 403, 400, 403, 400),
            row("GET", "/api/v1/reports/stage-drift", 401, 403, 200, 403, 200),
            row("POST", "/api/v1/reports/stage-drift/notify", 401, 403, 200, 403, 200),
            row("GET", "/api/v1/no-such-thing", 401, 404, 404, 404, 404),
            // review before publish: rules are admins'; an asset's record whoever sees the asset; the rest
            // marketers' and reviewers' (an empty body names no asset, no decision, no rule scope)
            row("GET", "/api/v1/reviews/rules", 401, 403, 403, 403, 200),
            row("POST", "/api/v1/reviews/rules", 401, 403, 403, 403, 400),
            row("DELETE", "/api/v1/reviews/rules/{id}", 401, 403, 403, 403, 404),
            row("POST", "/api/v1/reviews", 401, 403, 400, 403, 400),
            row("GET", "/api/v1/reviews/queue", 401, 403, 200, 403, 200),
            row("GET", "/api/v1/reviews/unreviewed", 401, 403, 200, 403, 200),
            row("GET", "/api/v1/reviews/assets/{assetId}", 401, 404, 404, 404, 404),
            row("GET", "/api/v1/reviews/{id}", 401, 403, 404, 403, 404),
            row("POST", "/api/v1/reviews/{id}/decision", 401, 403, 400, 403, 400),
            row("POST", "/api/v1/reviews/{id}/withdraw", 401, 403, 404, 403, 404),
            row("GET", "/actuator/health", 200, 200, 200, 200, 200),
            row("GET", "/actuator/prometheus", 401, 403, 403, 403, 200),
            row("GET", "/actuator/metrics", 401, 403, 403, 403, 200),
            row("GET", "/actuator/info", 401, 403, 403, 403, 200));

    /**
     * The Reviewer role, checked on every row: it gets what reviewing needs (the queue, reviews, the assets it opens,
     * read only, its notifications, its password, the glossary) and 403 everywhere else. Its status where it is not
     * 403, by "METHOD path" of the table.
     */
    private static final String REVIEWER = "REVIEWER";

    private static final Map<String, Integer> REVIEWER_GETS = Map.ofEntries(
            Map.entry("GET /", 303),
            Map.entry("GET /login", 200),
            Map.entry("GET /account/password", 200),
            Map.entry("POST /account/password", 200),
            Map.entry("GET /glossary", 200),
            Map.entry("GET /assets/{id}", 404),
            Map.entry("GET /assets/{id}/file", 404),
            Map.entry("GET /assets/{id}/thumbnail", 404),
            Map.entry("GET /assets/{id}/view", 404),
            Map.entry("GET /assets/{id}/pages", 404),
            Map.entry("GET /assets/{id}/pages/{page}", 404),
            Map.entry("GET /assets/{id}/versions/{version}/file", 404),
            Map.entry("GET /notifications", 200),
            Map.entry("POST /notifications/{id}/read", 404),
            Map.entry("POST /notifications/read-all", 303),
            Map.entry("GET /notifications/preferences", 200),
            Map.entry("POST /notifications/preferences", 303),
            Map.entry("GET /reviews", 200),
            Map.entry("GET /reviews/unreviewed", 200),
            Map.entry("GET /reviews/{id}", 404),
            Map.entry("POST /reviews/{id}/decision", 400),
            Map.entry("GET /assets/{id}/review", 404),
            Map.entry("GET /api/v1/me", 200),
            Map.entry("GET /api/v1/taxonomy", 200),
            Map.entry("GET /api/v1/assets/{id}", 404),
            Map.entry("GET /api/v1/assets/{id}/file", 404),
            Map.entry("GET /api/v1/assets/{id}/thumbnail", 404),
            Map.entry("GET /api/v1/assets/{id}/pages", 404),
            Map.entry("GET /api/v1/assets/{id}/pages/{page}", 404),
            Map.entry("GET /api/v1/assets/{id}/versions/{version}/file", 404),
            Map.entry("GET /api/v1/notifications", 200),
            Map.entry("GET /api/v1/notifications/unread-count", 200),
            Map.entry("POST /api/v1/notifications/{id}/read", 404),
            Map.entry("POST /api/v1/notifications/read-all", 200),
            Map.entry("GET /api/v1/notifications/preferences", 200),
            Map.entry("PUT /api/v1/notifications/preferences", 200),
            Map.entry("GET /api/v1/reviews/queue", 200),
            Map.entry("GET /api/v1/reviews/unreviewed", 200),
            Map.entry("GET /api/v1/reviews/assets/{assetId}", 404),
            Map.entry("GET /api/v1/reviews/{id}", 404),
            Map.entry("POST /api/v1/reviews/{id}/decision", 400),
            Map.entry("GET /actuator/health", 200),
            // public chains, the same for everyone signed in or not
            Map.entry("GET /reports/digest/unsubscribe", 400),
            Map.entry("POST /reports/digest/unsubscribe", 400),
            Map.entry("GET /s/{token}", 404),
            Map.entry("POST /s/{token}", 404),
            Map.entry("GET /s/{token}/items/{n}/file", 404),
            Map.entry("GET /s/{token}/items/{n}/download", 404),
            Map.entry("GET /s/{token}/items/{n}/pages/{page}", 404),
            Map.entry("POST /s/{token}/beacon", 415));

    @Autowired
    AccountService accounts;

    private final Map<String, String> tokens = new LinkedHashMap<>();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;

    @Test
    void everyEndpointAnswersEveryRoleAsTheTableSays() {
        Map<String, PageSession> sessions = new LinkedHashMap<>();
        for (String who : WHO) {
            if (!who.equals(ANON)) {
                String name = "authz-" + who.toLowerCase();
                users.user(name, who);
                sessions.put(who, PageSession.signIn(baseUrl(), name, TestUsers.PASSWORD));
                tokens.put(who, accounts.issueToken(name, "authz table", "test", null).block().secret());
            }
        }
        users.user("authz-reviewer", REVIEWER);
        sessions.put(REVIEWER, PageSession.signIn(baseUrl(), "authz-reviewer", TestUsers.PASSWORD));
        tokens.put(REVIEWER, accounts.issueToken("authz-reviewer", "authz table", "test", null).block().secret());
        // a user whose id the {id} rows use; PATCH sets nothing but its display name
        long targetId = users.user("authz-target", "REP").id();
        List<String> mismatches = new ArrayList<>();
        for (Row row : TABLE) {
            String path = row.path().matches("/(api/v1/|admin/)?(assets|imports|webhooks)/.*")
                    ? row.path().replace("{id}", "00000000-0000-0000-0000-000000000000").replace("{version}", "1")
                    .replace("{deliveryId}", "999999999")
                    .replace("{page}", "1")
                    : row.path().replace("{id}", Long.toString(targetId))
                    .replace("{facet}", "persona").replace("{key}", "champion")
                    .replace("{searchId}", "00000000-0000-0000-0000-000000000000");
            if (row.path().startsWith("/api/v1/tokens/") || row.path().contains("shares")
                    || row.path().contains("/reviews")) {
                path = row.path().replace("{id}", "999999999")
                        .replace("{assetId}", "00000000-0000-0000-0000-000000000000");
            }
            if (row.path().matches("/(api/v1/)?(deals|crm)(/.*)?|/admin/crm/.*")) {
                path = row.path().replace("{id}", "999999999").replace("{crm}", "no-such-crm")
                        .replace("{externalId}", "authz-deal");
            }
            if (row.path().matches(".*(content-requests|/requests|/inbox|/api/v1/feedback)/.*")) {
                path = row.path().replace("{id}", row.path().contains("/feedback/assets/")
                                ? "00000000-0000-0000-0000-000000000000" : "999999999")
                        .replace("{assetId}", "00000000-0000-0000-0000-000000000000");
            }
            if (row.path().matches("(/api/v1|/training)?/packs(/.*)?")) {
                path = row.path().replace("{id}", "999999999").replace("{version}", "1").replace("{key}", "k");
            }
            if (row.path().startsWith("/s/")) {
                path = row.path().replace("{token}", "A".repeat(32)).replace("{n}", "1").replace("{page}", "1");
            }
            int forReviewer = REVIEWER_GETS.getOrDefault(row.method() + " " + row.path(), 403);
            if (isPage(row.path())) {
                check(mismatches, row, REVIEWER, "session", forReviewer,
                        pageStatus(row.method(), path, sessions.get(REVIEWER)));
            } else {
                check(mismatches, row, REVIEWER, "HTTP Basic", forReviewer,
                        apiStatus(row, path, basic("authz-reviewer", TestUsers.PASSWORD)));
                check(mismatches, row, REVIEWER, "API token", forReviewer,
                        apiStatus(row, path, "Bearer " + tokens.get(REVIEWER)));
            }
            for (int i = 0; i < WHO.size(); i++) {
                String who = WHO.get(i);
                if (isPage(row.path())) {
                    int actual = pageStatus(row.method(), path, who.equals(ANON) ? PageSession.anonymous(baseUrl())
                            : sessions.get(who));
                    check(mismatches, row, who, "session", row.expected()[i], actual);
                } else if (who.equals(ANON)) {
                    check(mismatches, row, who, "no credentials", row.expected()[i], apiStatus(row, path, null));
                } else {
                    String name = "authz-" + who.toLowerCase();
                    check(mismatches, row, who, "HTTP Basic", row.expected()[i],
                            apiStatus(row, path, basic(name, TestUsers.PASSWORD)));
                    check(mismatches, row, who, "API token", row.expected()[i],
                            apiStatus(row, path, "Bearer " + tokens.get(who)));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theTableNamesEveryControllerEndpoint() {
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo info : controllers.getHandlerMethods().keySet()) {
            Set<String> methods = info.getMethodsCondition().getMethods().stream()
                    .map(Enum::name).collect(Collectors.toSet());
            for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                for (String method : methods.isEmpty() ? Set.of("GET") : methods) {
                    served.add(method + " " + pattern.getPatternString());
                }
            }
        }
        Set<String> listed = TABLE.stream().map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
        assertThat(listed).containsAll(served);
        assertThat(listed).as("the reviewer's exceptions name rows of the table").containsAll(REVIEWER_GETS.keySet());
    }

    private static boolean isPage(String path) {
        return !path.startsWith("/api/") && !path.startsWith("/actuator");
    }

    private int pageStatus(String method, String path, PageSession session) {
        return session.request(HttpMethod.valueOf(method), path);
    }

    private static void check(List<String> mismatches, Row row, String who, String how, int expected, int actual) {
        if (actual != expected) {
            mismatches.add(row.method() + " " + row.path() + " as " + who + " with " + how + ": expected "
                    + expected + ", got " + actual);
        }
    }

    private int apiStatus(Row row, String path, String authorization) {
        String method = row.method();
        var spec = http.method(HttpMethod.valueOf(method)).uri(path);
        if (authorization != null) {
            spec = spec.header("Authorization", authorization);
        }
        if (!method.equals("GET") && !method.equals("DELETE")) {
            String body = method.equals("PATCH") ? "{\"displayName\":\"Target Example\"}" : "{}";
            return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .returnResult(Void.class).getStatus().value();
        }
        return spec.exchange().returnResult(Void.class).getStatus().value();
    }

    private static Row row(String method, String path, int... expected) {
        return new Row(method, path, expected);
    }

    private record Row(String method, String path, int[] expected) {}
}
