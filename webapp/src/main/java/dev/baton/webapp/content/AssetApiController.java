package dev.baton.webapp.content;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import dev.baton.webapp.usage.UsageService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.PartEvent;
import dev.baton.webapp.system.BatonException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Assets over HTTP. Authorisation is in the security configuration. */
@RestController
@RequestMapping("/api/v1/assets")
class AssetApiController {

    private final ContentService content;
    private final UploadReceiver receiver;
    private final JsonMapper json;
    private final AssetFiles assetFiles;
    private final UsageService usage;

    AssetApiController(ContentService content, AssetFiles assetFiles, UsageService usage, UploadReceiver receiver, JsonMapper json) {
        this.receiver = receiver;
        this.json = json;
        this.content = content;
        this.assetFiles = assetFiles;
        this.usage = usage;
    }

    /**
     * Uploads a file as a new asset: a {@code file} part and an optional {@code metadata} JSON part
     * ({@link AssetMetadata}). The file streams into the object store as it arrives, never held in memory.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<AssetSummary>> upload(@RequestBody Flux<PartEvent> parts,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return received(parts, exchange, received -> receiver.withField(received, "metadata", this::metadata,
                        metadata -> content.upload(received.file(), metadata, user, address(exchange))))
                .map(asset -> ResponseEntity.created(URI.create("/api/v1/assets/" + asset.id())).body(asset));
    }

    /**
     * Uploads a file sent as the request body ({@code application/octet-stream}), its name in {@code fileName} and its
     * metadata as JSON in {@code metadata}: for scripts and integrations, with no multipart form to parse.
     */
    @PostMapping(consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    Mono<ResponseEntity<AssetSummary>> uploadBody(@RequestBody Flux<DataBuffer> body, @RequestParam String fileName,
            @RequestParam(required = false) String metadata, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        AssetMetadata described = metadata(metadata);
        return receiver.receiveBody(body, fileName, exchange.getRequest().getHeaders().getContentLength())
                .flatMap(received -> Detached.uncancellable(content.upload(received.file(), described, user,
                        address(exchange))))
                .map(asset -> ResponseEntity.created(URI.create("/api/v1/assets/" + asset.id())).body(asset));
    }

    private AssetMetadata metadata(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return this.json.readValue(json, AssetMetadata.class);
        } catch (JacksonException e) {
            // Jackson's own message names Baton's classes: say where, not how the binder failed
            TokenStreamLocation at = e.getLocation();
            throw new BatonException.InvalidInput("metadata", "is not valid JSON for asset metadata"
                    + (at == null || at.getColumnNr() < 1 ? "" : " (at character " + at.getColumnNr() + ")"));
        }
    }

    /** Receives the parts and hands them to {@code store}, which runs to its end even if the client goes away. */
    private <T> Mono<T> received(Flux<PartEvent> parts, ServerWebExchange exchange,
            Function<UploadReceiver.Received, Mono<T>> store) {
        return receiver.receive(parts, exchange.getRequest().getHeaders().getContentLength())
                .flatMap(received -> Detached.uncancellable(store.apply(received)));
    }

    @GetMapping
    Mono<AssetPage> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            @RequestParam(defaultValue = "false") boolean mine, @RequestParam(required = false) String status,
            @AuthenticationPrincipal BatonUser user) {
        return content.list(user, page, size, mine, status);
    }

    /** The caller's assets that expire within {@code days} days or have expired (not archived ones). */
    @GetMapping("/expiring")
    Mono<List<AssetSummary>> expiring(@RequestParam(defaultValue = "30") int days,
            @AuthenticationPrincipal BatonUser user) {
        return content.expiring(user, days);
    }

    /**
     * One asset, with what review before publish says of its live version.
     *
     * @param approval "Version 2 approved by Rita Reviewer on 2026-12-07, until 2027-12-07"; {@code null} when the
     *     live version has no approval
     */
    record AssetJson(@JsonUnwrapped AssetSummary asset, String approval) {}

    @GetMapping("/{id}")
    Mono<AssetJson> get(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user) {
        return content.get(id, user).flatMap(asset -> content.approvalStatement(id)
                .map(statement -> new AssetJson(asset, statement))
                .defaultIfEmpty(new AssetJson(asset, null)));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<AssetSummary> update(@PathVariable UUID id, @RequestBody AssetMetadata change,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return content.update(id, change, user, address(exchange));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return Detached.uncancellable(content.delete(id, user, address(exchange)));
    }

    @PostMapping("/{id}/publish")
    Mono<AssetSummary> publish(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return content.publish(id, user, address(exchange));
    }

    @PostMapping("/{id}/archive")
    Mono<AssetSummary> archive(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return content.archive(id, user, address(exchange));
    }

    @PostMapping("/{id}/unarchive")
    Mono<AssetSummary> unarchive(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return content.unarchive(id, user, address(exchange));
    }

    /** A new version of an asset: a {@code file} part and an optional {@code note} text part. */
    @PostMapping(path = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<AssetSummary>> addVersion(@PathVariable UUID id, @RequestBody Flux<PartEvent> parts,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return received(parts, exchange, received -> content.addVersion(id, received.file(),
                        received.fields().get("note"), user, address(exchange)))
                .map(asset -> ResponseEntity.created(URI.create("/api/v1/assets/" + id + "/versions/"
                        + asset.version())).body(asset));
    }

    @GetMapping("/{id}/versions")
    Mono<List<AssetVersion>> versions(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user) {
        return content.versions(id, user);
    }

    /** Makes an old version current again, as a new version; an optional JSON body {@code {"note": "..."}}. */
    @PostMapping("/{id}/versions/{version}/restore")
    Mono<ResponseEntity<AssetSummary>> restore(@PathVariable UUID id, @PathVariable int version,
            @RequestBody(required = false) Map<String, String> body, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return content.restoreVersion(id, version, body == null ? null : body.get("note"), user, address(exchange))
                .map(asset -> ResponseEntity.created(URI.create("/api/v1/assets/" + id + "/versions/"
                        + asset.version())).body(asset));
    }

    /**
     * The current file; {@code ?disposition=inline} shows PDFs and images in the browser (a preview), otherwise a
     * download. Recorded as usage; an {@code Idempotency-Key} header makes a retried request count once.
     */
    @GetMapping("/{id}/file")
    Mono<ResponseEntity<Flux<DataBuffer>>> file(@PathVariable UUID id,
            @RequestParam(defaultValue = "attachment") String disposition,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal BatonUser user) {
        return assetFiles.serve(id, null, disposition, idempotencyKey, user);
    }

    /** An old version's file, for marketers. */
    @GetMapping("/{id}/versions/{version}/file")
    Mono<ResponseEntity<Flux<DataBuffer>>> versionFile(@PathVariable UUID id, @PathVariable int version,
            @RequestParam(defaultValue = "attachment") String disposition,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal BatonUser user) {
        return assetFiles.serve(id, version, disposition, idempotencyKey, user);
    }

    @GetMapping("/{id}/thumbnail")
    Mono<ResponseEntity<Flux<DataBuffer>>> thumbnail(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user) {
        return assetFiles.thumbnail(id, user);
    }

    /**
     * Where the page images of the current version stand: a deck's slides and a document's pages drawn as images
     * ({@code READY} with their count), still being drawn ({@code PENDING}), impossible to draw ({@code UNAVAILABLE}
     * with the reason) or not made for the type ({@code NOT_APPLICABLE}: PDFs, images, others).
     */
    @GetMapping("/{id}/pages")
    Mono<AssetFiles.AssetPages> pages(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user) {
        return assetFiles.pages(id, user);
    }

    /** Page {@code page} (1-based) of the current version as an image; 404 until it is drawn. */
    @GetMapping("/{id}/pages/{page}")
    Mono<ResponseEntity<Flux<DataBuffer>>> page(@PathVariable UUID id, @PathVariable int page,
            @AuthenticationPrincipal BatonUser user) {
        return assetFiles.page(id, page, user);
    }

    /** How often others than its owner viewed, previewed and downloaded the asset. */
    @GetMapping("/{id}/usage")
    Mono<UsageService.Counts> usage(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user) {
        return assetFiles.usage(id, user);
    }

    /**
     * Records a use a client saw happen (e.g. a view in an app that has the file cached):
     * {@code {"action": "view", "version": 2, "idempotencyKey": "..."}}; 201 when recorded, 200 when the key was
     * already used.
     */
    @PostMapping(path = "/{id}/usage", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> recordUsage(@PathVariable UUID id, @RequestBody UsageRequest request,
            @AuthenticationPrincipal BatonUser user) {
        UsageService.Action action = UsageService.Action.parse(request.action());
        return content.get(id, user).flatMap(asset -> usage.record(user.id(), id,
                        request.version() == null ? asset.version() : request.version(), action,
                        request.idempotencyKey())
                .map(recorded -> ResponseEntity.status(recorded ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(Map.<String, Object>of("recorded", recorded))));
    }

    record UsageRequest(String action, Integer version, String idempotencyKey) {}

    /**
     * Spools an uploaded part to a temporary file, hands it to {@code store} (which runs to its end even if the
     * client goes away), and deletes the file afterwards whatever happened.
     */
    static <T> Mono<T> spooled(FilePart file, Function<Path, Mono<T>> store) {
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

    static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
