package dev.baton.webapp.feedback;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The search-gaps report: what people searched for and did not find or did not open; marketers and admins. */
@RestController
class SearchGapApiController {

    private final SearchGapReport report;

    SearchGapApiController(SearchGapReport report) {
        this.report = report;
    }

    /** A gap to turn into a content request: its normalised words and, optionally, the filters to keep. */
    record SearchGapRequestBody(String query, String filters) {}

    @Operation(summary = "Searches with no result or no click in the last days (default 30), grouped by normalised "
            + "words, with counts, searchers, filters used and the open content request for the words; "
            + "format=csv: the same as CSV (UTF-8 with a byte-order mark)")
    @GetMapping(path = "/api/v1/reports/search-gaps")
    Mono<ResponseEntity<?>> gaps(@RequestParam(name = "days", required = false) Integer days,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "format", required = false) String format) {
        boolean csv;
        try {
            csv = csv(format);
        } catch (BatonException e) {
            return Mono.error(e);
        }
        return report.report(days, limit).<ResponseEntity<?>>map(r -> csv ? SearchGapCsv.csvResponse(r)
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(r));
    }

    /** Whether {@code format} asks for CSV; {@code json} (the default) and {@code csv} only. */
    static boolean csv(String format) {
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("csv")) {
            throw new BatonException.InvalidInput("format", "use json or csv");
        }
        return f.equals("csv");
    }

    @Operation(summary = "Turn a gap into a content request: 201, or 200 when merged into the open request for the "
            + "same words")
    @PostMapping(path = "/api/v1/reports/search-gaps/requests", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ContentRequests.ContentRequest>> request(@RequestBody SearchGapRequestBody body,
            @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(report.request(body == null ? null : body.query(),
                        body == null ? null : body.filters(), user))
                .map(request -> request.merged() ? ResponseEntity.ok(request)
                        : ResponseEntity.created(URI.create("/api/v1/content-requests/" + request.id()))
                                .body(request));
    }
}
