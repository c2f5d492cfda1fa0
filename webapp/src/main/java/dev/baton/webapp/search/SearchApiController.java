package dev.baton.webapp.search;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.taxonomy.Facets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Search over HTTP. Authorisation is in the security configuration. */
@RestController
class SearchApiController {

    private final SearchService search;
    private final ContentService content;

    SearchApiController(SearchService search, ContentService content) {
        this.search = search;
        this.content = content;
    }

    @Operation(summary = "Search assets",
            description = "Words (stemmed, with synonyms and typo tolerance), \"phrases\", -exclusions and OR; any "
                    + "text is a valid query. Facet parameters (" + Facets.ALL_AS_TEXT + ", owner, tags, and status "
                    + "with scope=all) may repeat: values of one facet are OR-ed, facets AND-ed; a taxonomy value "
                    + "may be given by key, label or alias, in any case. Facet counts are among the hits; a filtered "
                    + "facet is counted as if its own filter were off. Reps see published assets that have not "
                    + "expired.")
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "The words to find; empty lists everything")
    @Parameter(name = Facets.BUYER_STAGE, in = ParameterIn.QUERY,
            description = "Buyer stage values: key, label or alias (repeatable)",
            array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = Facets.FUNNEL_STAGE, in = ParameterIn.QUERY,
            description = "Funnel stage values: key, label or alias (repeatable)",
            array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = Facets.PERSONA, in = ParameterIn.QUERY,
            description = "Persona values: key, label or alias (repeatable)",
            array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = Facets.INDUSTRY, in = ParameterIn.QUERY,
            array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = Facets.PRODUCT, in = ParameterIn.QUERY,
            array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = Facets.REGION, in = ParameterIn.QUERY,
            array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = Facets.LANGUAGE, in = ParameterIn.QUERY,
            array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = Facets.CONTENT_TYPE, in = ParameterIn.QUERY,
            array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "owner", in = ParameterIn.QUERY, description = "Owners' user names (repeatable)",
            array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "tags", in = ParameterIn.QUERY, array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "DRAFT, PUBLISHED, ARCHIVED (scope=all only)",
            array = @ArraySchema(schema = @Schema(type = "string")))
    @Parameter(name = "updated_within", in = ParameterIn.QUERY, description = "e.g. 30d, or an ISO-8601 duration")
    @Parameter(name = "sort", in = ParameterIn.QUERY,
            schema = @Schema(allowableValues = {"relevance", "newest", "most_used"}))
    @Parameter(name = "page", in = ParameterIn.QUERY, schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "size", in = ParameterIn.QUERY,
            schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
    @Parameter(name = "scope", in = ParameterIn.QUERY, description = "all: drafts, archived and expired too "
            + "(marketers and admins)", schema = @Schema(allowableValues = {"published", "all"}))
    @GetMapping(path = "/api/v1/search", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<SearchService.Response> search(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        // the parameters are read here, at the edge, against the taxonomy's facets; every wrong one is named (400)
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        return search.facetKeys()
                .flatMap(keys -> search.search(SearchCriteria.from(params, keys, true), user, "API"));
    }

    @Operation(summary = "Completions as the user types: frequent past searches and titles they may see")
    @GetMapping(path = "/api/v1/search/suggest", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<SearchService.Completions> suggest(@RequestParam(name = "q", defaultValue = "") String q,
            @RequestParam(name = "n", defaultValue = "8") int n,
            @RequestParam(name = "scope", defaultValue = "published") String scope,
            @AuthenticationPrincipal BatonUser user) {
        return search.suggest(q, n, "all".equals(scope), user);
    }

    /** What a client reports when its user opens a result: {@code {"assetId": "...", "rank": 3}}. */
    record Opened(UUID assetId, Integer rank) {}

    @Operation(summary = "Record that a result of a search was opened (for the search reports)")
    @PostMapping(path = "/api/v1/search/{searchId}/opened", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> opened(@PathVariable UUID searchId, @RequestBody Opened opened,
            @AuthenticationPrincipal BatonUser user) {
        if (opened == null || opened.assetId() == null) {
            throw new dev.baton.webapp.system.BatonException.InvalidInput("assetId", "give the opened asset's id");
        }
        search.opened(searchId, opened.assetId(), opened.rank() == null ? 0 : opened.rank(), user);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @Operation(summary = "Assets like this one (more like this), among those the user may see")
    @GetMapping(path = "/api/v1/assets/{id}/related", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<SearchService.Hit>> related(@PathVariable UUID id, @RequestParam(name = "n", defaultValue = "5") int n,
            @AuthenticationPrincipal BatonUser user) {
        return content.get(id, user).then(search.related(id, n, user));
    }
}
