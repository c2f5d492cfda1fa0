package dev.baton.webapp.sharing;

import dev.baton.storage.BlobStore;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.content.FileNames;
import dev.baton.webapp.content.PageImages;
import dev.baton.webapp.system.BatonException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.ObjectMapper;

/**
 * The buyer's viewer at {@code /s/{token}}: no account, no session, no cookie. The cover and the items (PDFs page by
 * page with PDF.js, images inline), the passcode and email gates, the items' files through URLs scoped to the link
 * ({@code /s/{token}/items/{n}/...} with the opening's key), and the beacons. Every answer, errors included, carries
 * the viewer's headers ({@link ViewerHeaders}). A miss (an unknown token, a wrong passcode, a key that does not fit)
 * counts against the address ({@link MissLimiter}); past the limit every viewer request of that address is 429.
 */
@Controller
class ViewerController {

    private static final int CHUNK = 64 * 1024;
    private static final int MAX_BEACON_BYTES = 64 * 1024;

    private final ViewerService viewer;
    private final MissLimiter misses;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final PageImages pageImages;

    ViewerController(ViewerService viewer, MissLimiter misses, BlobStore blobs, ObjectMapper json,
            PageImages pageImages) {
        this.pageImages = pageImages;
        this.viewer = viewer;
        this.misses = misses;
        this.blobs = blobs;
        this.json = json;
    }

    @GetMapping("/s/{token}")
    Mono<String> cover(@PathVariable String token, ServerWebExchange exchange, Model model) {
        return live(token, exchange, model, share -> share.passcode() || share.emailGate()
                ? gate(share, model, null, null)
                : opened(share, null, exchange, model));
    }

    @PostMapping(path = "/s/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> unlock(@PathVariable String token, ServerWebExchange exchange, Model model) {
        return live(token, exchange, model, share -> exchange.getFormData().flatMap(form -> {
            String email = form.getFirst("email");
            if (share.emailGate()) {
                String problem = ViewerService.emailProblem(share, email);
                if (problem != null) {
                    exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
                    return gate(share, model, problem, email);
                }
            }
            if (!share.passcode()) {
                return opened(share, email, exchange, model);
            }
            return viewer.checkPasscode(share, form.getFirst("passcode")).flatMap(check -> switch (check) {
                case RIGHT -> opened(share, email, exchange, model);
                case WRONG -> {
                    misses.miss(address(exchange));
                    exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
                    yield gate(share, model, "That passcode is not right.", email);
                }
                case LOCKED -> viewer.lockedFor(share).flatMap(wait -> {
                    misses.miss(address(exchange));
                    retryAfter(exchange, wait);
                    exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
                    model.addAttribute("minutes", Math.max(1, (wait.toSeconds() + 59) / 60));
                    return Mono.just("sharing/locked");
                });
            });
        }));
    }

    @GetMapping("/s/{token}/items/{n}/file")
    Mono<ResponseEntity<Flux<DataBuffer>>> file(@PathVariable String token, @PathVariable String n,
            @RequestParam(name = "a", required = false) String key, ServerWebExchange exchange) {
        return item(token, n, key, exchange, (share, access, item) -> item.kind() == ViewerService.Kind.PDF
                        || item.kind() == ViewerService.Kind.IMAGE
                ? Mono.just(serve(item.file(), true))
                : Mono.just(plain(HttpStatus.NOT_FOUND, "This item is not shown in the browser.")));
    }

    @GetMapping("/s/{token}/items/{n}/download")
    Mono<ResponseEntity<Flux<DataBuffer>>> download(@PathVariable String token, @PathVariable String n,
            @RequestParam(name = "a", required = false) String key, ServerWebExchange exchange) {
        return item(token, n, key, exchange, (share, access, item) -> !share.allowDownload()
                ? Mono.just(plain(HttpStatus.FORBIDDEN, "This link is view-only: it offers no download."))
                : viewer.downloaded(access).thenReturn(serve(item.file(), false)));
    }

    /**
     * A page of a deck or document (a {@code PAGES} item) as an image, from {@link PageImages}: only of the version
     * the link shows for that item (pinned or latest), through the opening's key. 404 for an item of another kind, a
     * page that is no number or past the count, and while the pages are being drawn.
     */
    @GetMapping("/s/{token}/items/{n}/pages/{page}")
    Mono<ResponseEntity<Flux<DataBuffer>>> page(@PathVariable String token, @PathVariable String n,
            @PathVariable String page, @RequestParam(name = "a", required = false) String key,
            ServerWebExchange exchange) {
        return item(token, n, key, exchange, (share, access, item) -> {
            int number;
            try {
                number = Integer.parseInt(page);
            } catch (NumberFormatException e) {
                return Mono.just(plain(HttpStatus.NOT_FOUND, "This item has no such page."));
            }
            if (item.kind() != ViewerService.Kind.PAGES) {
                return Mono.just(plain(HttpStatus.NOT_FOUND, "This item has no page images."));
            }
            return pageImages.page(item.file().assetId(), item.file().version(), number)
                    .map(image -> {
                        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                                .header(HttpHeaders.CONTENT_TYPE, image.mediaType())
                                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                                .header("Content-Security-Policy", ViewerHeaders.FILE_POLICY);
                        if (image.size() >= 0) {
                            ok.contentLength(image.size());
                        }
                        return ok.body(image.bytes());
                    })
                    .onErrorResume(BatonException.NotFound.class, e -> Mono.just(plain(HttpStatus.NOT_FOUND,
                            "This page is not there, or its preview is being prepared.")));
        });
    }

    @PostMapping("/s/{token}/beacon")
    @ResponseBody
    Mono<ResponseEntity<String>> beacon(@PathVariable String token, @RequestBody(required = false) String body,
            ServerWebExchange exchange) {
        Duration wait = misses.waitFor(address(exchange));
        if (!wait.isZero()) {
            retryAfter(exchange, wait);
            return Mono.just(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body("Too many misses"));
        }
        if (body == null || body.length() > MAX_BEACON_BYTES) {
            return Mono.just(ResponseEntity.badRequest().body("A beacon is a JSON object of at most 64 KB"));
        }
        ViewerService.Beacon beacon;
        try {
            beacon = json.readValue(body, ViewerService.Beacon.class);
        } catch (RuntimeException e) {
            return Mono.just(ResponseEntity.badRequest().body("A beacon is a JSON object: access, visitor, seq, "
                    + "webdriver, pages [{item, page, ms}]"));
        }
        return viewer.find(token)
                .filter(share -> share.state(viewer.now()) == ShareLink.State.LIVE)
                .flatMap(share -> viewer.access(share, beacon.access()).flatMap(access -> {
                    String problem = ViewerService.beaconProblem(share, beacon);
                    if (problem != null) {
                        return Mono.just(ResponseEntity.badRequest().body(problem));
                    }
                    return viewer.beacon(share, access, beacon)
                            .thenReturn(ResponseEntity.status(HttpStatus.NO_CONTENT).<String>build());
                }))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    misses.miss(address(exchange));
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body("No such link or opening");
                }));
    }

    // --- the steps every page takes ---

    private interface LivePage {
        Mono<String> render(ShareLink share);
    }

    /** The throttle, the lookup and the link's state, then the page for a live link. */
    private Mono<String> live(String token, ServerWebExchange exchange, Model model, LivePage page) {
        Duration wait = misses.waitFor(address(exchange));
        if (!wait.isZero()) {
            retryAfter(exchange, wait);
            exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            model.addAttribute("minutes", Math.max(1, (wait.toSeconds() + 59) / 60));
            return Mono.just("sharing/throttled");
        }
        return viewer.find(token).flatMap(share -> switch (share.state(viewer.now())) {
            case REVOKED, EXPIRED -> {
                exchange.getResponse().setStatusCode(HttpStatus.GONE);
                model.addAttribute("reason", share.state(viewer.now()) == ShareLink.State.REVOKED
                        ? "The person who shared this link has turned it off."
                        : "This link has expired.");
                yield Mono.just("sharing/gone");
            }
            case LIVE -> page.render(share);
        }).switchIfEmpty(Mono.fromSupplier(() -> {
            misses.miss(address(exchange));
            exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
            return "sharing/missing";
        }));
    }

    private Mono<String> gate(ShareLink share, Model model, String problem, String email) {
        model.addAttribute("title", share.title());
        model.addAttribute("passcode", share.passcode());
        model.addAttribute("emailGate", share.emailGate());
        model.addAttribute("problem", problem);
        model.addAttribute("email", email == null ? "" : email);
        model.addAttribute("token", share.token());
        return viewer.sharedBy(share).map(name -> {
            model.addAttribute("sharedBy", name);
            return "sharing/gate";
        });
    }

    private Mono<String> opened(ShareLink share, String email, ServerWebExchange exchange, Model model) {
        return viewer.items(share).flatMap(items -> {
            if (items.stream().noneMatch(ViewerService.ViewerItem::available)) {
                exchange.getResponse().setStatusCode(HttpStatus.GONE);
                model.addAttribute("reason", "This content has been withdrawn.");
                return Mono.just("sharing/gone");
            }
            String agent = exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
            return Mono.zip(viewer.open(share, email, agent), viewer.sharedBy(share), pages(items)).map(both -> {
                model.addAttribute("pages", both.getT3());
                model.addAttribute("share", share);
                model.addAttribute("items", items);
                model.addAttribute("room", items.size() > 1);
                model.addAttribute("access", both.getT1());
                model.addAttribute("sharedBy", both.getT2());
                model.addAttribute("token", share.token());
                return "sharing/viewer";
            });
        });
    }

    /** Where the page images of the link's decks and documents stand, by position. */
    private Mono<Map<Integer, PageImages.Pages>> pages(java.util.List<ViewerService.ViewerItem> items) {
        return Flux.fromIterable(items)
                .filter(item -> item.available() && item.kind() == ViewerService.Kind.PAGES)
                .concatMap(item -> pageImages.pages(item.file().assetId(), item.file().version())
                        .map(pages -> Map.entry(item.position(), pages)))
                .collect(LinkedHashMap::new, (map, e) -> map.put(e.getKey(), e.getValue()));
    }

    private interface ItemResponse {
        Mono<ResponseEntity<Flux<DataBuffer>>> answer(ShareLink share, ShareStore.Access access,
                ViewerService.ViewerItem item);
    }

    /** The throttle, the link, the opening's key and the item, then the item's answer. */
    private Mono<ResponseEntity<Flux<DataBuffer>>> item(String token, String n, String key,
            ServerWebExchange exchange, ItemResponse answer) {
        Duration wait = misses.waitFor(address(exchange));
        if (!wait.isZero()) {
            retryAfter(exchange, wait);
            return Mono.just(plain(HttpStatus.TOO_MANY_REQUESTS, "Too many misses from your address; try later."));
        }
        int position;
        try {
            position = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            position = -1;
        }
        int wanted = position;
        return viewer.find(token).flatMap(share -> {
            if (share.state(viewer.now()) != ShareLink.State.LIVE) {
                return Mono.just(plain(HttpStatus.GONE, "This link is no longer available."));
            }
            return viewer.access(share, key).flatMap(access -> viewer.items(share).flatMap(items -> {
                ViewerService.ViewerItem item = items.stream().filter(i -> i.position() == wanted).findFirst()
                        .orElse(null);
                if (item == null) {
                    return Mono.just(plain(HttpStatus.NOT_FOUND, "This link has no such item."));
                }
                if (!item.available()) {
                    return Mono.just(plain(HttpStatus.GONE, "This content has been withdrawn."));
                }
                return answer.answer(share, access, item);
            })).switchIfEmpty(Mono.fromSupplier(() -> {
                misses.miss(address(exchange));
                return plain(HttpStatus.FORBIDDEN, "Open the link again to read this item.");
            }));
        }).switchIfEmpty(Mono.fromSupplier(() -> {
            misses.miss(address(exchange));
            return plain(HttpStatus.NOT_FOUND, "There is no such link.");
        }));
    }

    private ResponseEntity<Flux<DataBuffer>> serve(ContentService.StoredFile file, boolean inline) {
        Flux<DataBuffer> body = DataBufferUtils.readInputStream(() -> blobs.open(file.blobKey()),
                        DefaultDataBufferFactory.sharedInstance, CHUNK)
                .subscribeOn(Schedulers.boundedElastic());
        String type = inline ? file.mediaType() : MediaType.APPLICATION_OCTET_STREAM_VALUE;
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, type)
                .header(HttpHeaders.CONTENT_DISPOSITION, FileNames.contentDisposition(inline, file.fileName()))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("Content-Security-Policy", ViewerHeaders.FILE_POLICY)
                .contentLength(file.size())
                .body(body);
    }

    private static ResponseEntity<Flux<DataBuffer>> plain(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(message.getBytes(StandardCharsets.UTF_8))));
    }

    private static void retryAfter(ServerWebExchange exchange, Duration wait) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
    }

    static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

}
