package dev.baton.webapp.content;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Assets over HTTP. Authorisation is in the security configuration. */
@RestController
@RequestMapping("/api/v1/assets")
class AssetApiController {

    private final ContentService content;

    AssetApiController(ContentService content) {
        this.content = content;
    }

    /**
     * Uploads a file as a new asset: a {@code file} part and an optional {@code metadata} JSON part
     * ({@code title}, {@code description}, {@code internalOnly}). The file is spooled to disk, never held in memory.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<AssetSummary>> upload(@RequestPart("file") FilePart file,
            @RequestPart(value = "metadata", required = false) ContentService.NewAsset metadata,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return spooled(file, path -> content.upload(path, file.filename(), metadata, user, address(exchange)))
                .map(asset -> ResponseEntity.created(URI.create("/api/v1/assets/" + asset.id())).body(asset));
    }

    /** A new version of an asset: a {@code file} part and an optional {@code note} text part. */
    @PostMapping(path = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<AssetSummary>> addVersion(@PathVariable UUID id, @RequestPart("file") FilePart file,
            @RequestPart(value = "note", required = false) String note, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return spooled(file, path -> content.addVersion(id, path, file.filename(), note, user, address(exchange)))
                .map(asset -> ResponseEntity.created(URI.create("/api/v1/assets/" + id + "/versions/"
                        + asset.version())).body(asset));
    }

    @GetMapping("/{id}/versions")
    Mono<java.util.List<AssetVersion>> versions(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user) {
        return content.versions(id, user);
    }

    @GetMapping
    Mono<AssetPage> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            @AuthenticationPrincipal BatonUser user) {
        return content.list(user, page, size);
    }

    @GetMapping("/{id}")
    Mono<AssetSummary> get(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user) {
        return content.get(id, user);
    }

    /**
     * Spools an uploaded part to a temporary file, hands it to {@code store} (which runs to its end even if the
     * client goes away), and deletes the file afterwards whatever happened.
     */
    private static <T> Mono<T> spooled(FilePart file, Function<Path, Mono<T>> store) {
        return Mono.usingWhen(
                Mono.fromCallable(() -> Files.createTempFile("baton-upload-", ".part"))
                        .subscribeOn(Schedulers.boundedElastic()),
                path -> file.transferTo(path).then(Detached.uncancellable(store.apply(path))),
                path -> Mono.fromRunnable(() -> delete(path)).subscribeOn(Schedulers.boundedElastic()));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
