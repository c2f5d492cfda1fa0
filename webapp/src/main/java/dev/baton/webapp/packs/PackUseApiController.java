package dev.baton.webapp.packs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.sharing.ShareJson;
import dev.baton.webapp.system.Detached;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Packs in use with buyers (issue 15, points 7 and 8) over HTTP: a rep in a pack's audience shares its buyer-facing
 * items as a room ({@code POST /api/v1/packs/assigned/{id}/share}); trainers read the funnel from learning to use
 * ({@code GET /api/v1/packs/{id}/funnel}). See docs/api.md and docs/packs.md.
 */
@RestController
class PackUseApiController {

    private final PackRooms rooms;
    private final PackFunnel funnel;

    PackUseApiController(PackRooms rooms, PackFunnel funnel) {
        this.rooms = rooms;
        this.funnel = funnel;
    }

    /** The room made, as {@code /api/v1/shares} answers a link, and the buyer-facing items left out with why. */
    record SharedJson(@JsonUnwrapped ShareJson share, List<PackRooms.Skipped> skipped) {}

    @PostMapping("/api/v1/packs/assigned/{id}/share")
    Mono<ResponseEntity<SharedJson>> share(@PathVariable long id, @RequestBody(required = false)
            PackRooms.ShareRequest body, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return Detached.uncancellable(rooms.share(id, body, user, base(exchange)))
                .map(shared -> ResponseEntity.created(URI.create("/api/v1/shares/" + shared.share().id()))
                        .body(new SharedJson(shared.share(), shared.skipped())));
    }

    @GetMapping("/api/v1/packs/{id}/funnel")
    Mono<PackFunnel.Funnel> funnel(@PathVariable long id) {
        return funnel.funnel(id);
    }

    /** The scheme and authority the request came to (a link's URL is on it). */
    static String base(ServerWebExchange exchange) {
        URI uri = exchange.getRequest().getURI();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
