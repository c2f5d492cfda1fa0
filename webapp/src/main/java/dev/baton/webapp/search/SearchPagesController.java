package dev.baton.webapp.search;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.taxonomy.Facets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The search page, the rep's landing page: one search box with completions, a facet sidebar with the taxonomy's
 * definitions, results with snippets and thumbnails, pages. The whole state is in the URL (a plain GET form), so a
 * search is shareable and the back button works. A search that finds nothing offers to ask marketing for the content
 * (the form posts to the feedback package's {@code /search/request}, which owns content requests).
 */
@Controller
class SearchPagesController {

    /** Facets the sidebar lists first, in this order; others follow as the engine returns them. */
    private static final List<String> SIDEBAR = List.of(Facets.BUYER_STAGE, Facets.FUNNEL_STAGE, Facets.PERSONA,
            Facets.INDUSTRY, Facets.PRODUCT, Facets.CONTENT_TYPE, Facets.LANGUAGE, Facets.REGION, "owner", "tags",
            "status");

    private final SearchService search;
    private final ContentService content;

    SearchPagesController(SearchService search, ContentService content) {
        this.search = search;
        this.content = content;
    }

    @GetMapping("/rep")
    String repHome() {
        return "redirect:/search";
    }

    @GetMapping("/search")
    Mono<String> page(@AuthenticationPrincipal BatonUser user, ServerWebExchange exchange, Model model) {
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        return search.facetKeys().flatMap(keys -> {
            SearchCriteria criteria;
            try {
                criteria = SearchCriteria.from(params, keys, false);
            } catch (BatonException.InvalidInput e) {
                // a hand-edited URL: show the problem on the page, search for the words alone
                model.addAttribute("problem", e.getMessage());
                MultiValueMap<String, String> words = new LinkedMultiValueMap<>();
                if (params.getFirst("q") != null) {
                    words.add("q", params.getFirst("q").substring(0,
                            Math.min(params.getFirst("q").length(), SearchCriteria.MAX_QUERY)));
                }
                criteria = SearchCriteria.from(words, keys, false);
            }
            boolean manager = user.canManageContent();
            return search.resolve(criteria).flatMap(c -> search.search(c, user, "PAGE")
                    .onErrorResume(BatonException.Forbidden.class, e -> {
                        model.addAttribute("problem", e.getMessage());
                        MultiValueMap<String, String> words = new LinkedMultiValueMap<>();
                        words.add("q", c.query());
                        return search.search(words, user, false, "PAGE");
                    })
                    .map(response -> {
                        model.addAttribute("criteria", c);
                        model.addAttribute("result", response);
                        model.addAttribute("facets", sidebar(response));
                        model.addAttribute("links", new Links(c));
                        model.addAttribute("updatedChoices", SearchCriteria.UPDATED_CHOICES);
                        model.addAttribute("manager", manager);
                        model.addAttribute("requested", params.containsKey("requested"));
                        model.addAttribute("requestMerged", "merged".equals(params.getFirst("requested")));
                        return "search/search";
                    }));
        });
    }

    /** Completions for the search box: {@code <option>}s for its datalist. */
    @GetMapping("/search/suggest")
    Mono<String> suggest(@RequestParam(name = "q", defaultValue = "") String q,
            @AuthenticationPrincipal BatonUser user, Model model) {
        String text = q.length() > SearchCriteria.MAX_QUERY ? q.substring(0, SearchCriteria.MAX_QUERY) : q;
        return search.suggest(text, 8, false, user).map(completions -> {
            model.addAttribute("completions", completions);
            return "search/suggestions :: options";
        });
    }

    /**
     * Opens a result and records which search and rank it came from (the search log's clicks). The search's own URL
     * goes along as {@code from}, so the asset page links back to these results (the asset page checks it again).
     */
    @GetMapping("/search/open")
    String open(@RequestParam("asset") UUID asset, @RequestParam(name = "search", required = false) UUID searchId,
            @RequestParam(name = "rank", defaultValue = "0") int rank,
            @RequestParam(name = "from", required = false) String from, @AuthenticationPrincipal BatonUser user) {
        if (searchId != null && rank >= 1 && rank <= SearchService.SearchRequestLimits.MAX_RANK) {
            search.opened(searchId, asset, rank, user);
        }
        if (from != null && (from.equals("/search") || from.startsWith("/search?")) && from.length() <= 4000) {
            return "redirect:/assets/" + asset + "?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8);
        }
        return "redirect:/assets/" + asset;
    }

    /** Assets like this one, for the asset page (loaded into it after the page itself). */
    @GetMapping("/assets/{id}/related")
    Mono<String> related(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, Model model) {
        return content.get(id, user).then(search.related(id, 5, user)).map(hits -> {
            model.addAttribute("related", hits);
            return "search/related :: related";
        });
    }

    /** The facets of a result in sidebar order, without empty ones. */
    static List<SearchService.Facet> sidebar(SearchService.Response response) {
        Map<String, SearchService.Facet> byKey = new LinkedHashMap<>();
        response.facets().forEach(f -> byKey.put(f.key(), f));
        List<SearchService.Facet> ordered = new ArrayList<>();
        for (String key : SIDEBAR) {
            SearchService.Facet facet = byKey.remove(key);
            if (facet != null && !facet.values().isEmpty()) {
                ordered.add(facet);
            }
        }
        byKey.values().stream().filter(f -> !f.values().isEmpty()).forEach(ordered::add);
        return ordered;
    }

    /** URLs of the same search with one thing changed, for the template. */
    record Links(SearchCriteria criteria) {

        public String page(int page) {
            return criteria.url("/search", Map.of(), page, null);
        }

        /** Without one value of a facet (the "remove filter" chips). */
        public String without(String facet, String value) {
            List<String> values = new ArrayList<>(criteria.filters().getOrDefault(facet, List.of()));
            values.remove(value);
            return criteria.url("/search", Map.of(facet, values), 1, null);
        }

        /** With one more value of a facet (a filter the query suggested). */
        public String with(String facet, String value) {
            List<String> values = new ArrayList<>(criteria.filters().getOrDefault(facet, List.of()));
            if (!values.contains(value)) {
                values.add(value);
            }
            return criteria.url("/search", Map.of(facet, values), 1, null);
        }

        /** The same filters with other words ("Search instead for ..."), from the first page. */
        public String searchFor(String query) {
            return org.springframework.web.util.UriComponentsBuilder.fromUriString(page(1))
                    .replaceQueryParam("q", org.springframework.web.util.UriUtils.encodeQueryParam(query,
                            StandardCharsets.UTF_8))
                    .build(true)
                    .toUriString();
        }

        public String current() {
            return criteria.url("/search", Map.of(), criteria.page(), null);
        }

        public String open(String searchId, SearchService.Hit hit) {
            return org.springframework.web.util.UriComponentsBuilder.fromPath("/search/open")
                    .queryParam("asset", hit.id())
                    .queryParam("search", searchId)
                    .queryParam("rank", hit.rank())
                    .build()
                    .toUriString()
                    + "&from=" + URLEncoder.encode(current(), StandardCharsets.UTF_8);
        }
    }
}
