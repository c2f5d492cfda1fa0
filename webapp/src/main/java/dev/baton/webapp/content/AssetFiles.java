package dev.baton.webapp.content;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.usage.UsageService;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An asset's files and thumbnail as the API and the pages serve them: the same safe responses, and every file served
 * recorded as usage (a preview when shown inline, otherwise a download).
 */
@Component
class AssetFiles {

    private final ContentService content;
    private final FileResponses files;
    private final UsageService usage;
    private final PageImages pageImages;

    AssetFiles(ContentService content, FileResponses files, UsageService usage, PageImages pageImages) {
        this.content = content;
        this.files = files;
        this.usage = usage;
        this.pageImages = pageImages;
    }

    /**
     * The file of a version ({@code null}: the current one), {@code inline} when {@code disposition} asks for it and
     * the type is safe to show; an idempotency key makes a retried request count once.
     */
    Mono<ResponseEntity<Flux<DataBuffer>>> serve(UUID assetId, Integer version, String disposition,
            String idempotencyKey, BatonUser user) {
        boolean inline = "inline".equalsIgnoreCase(disposition);
        return content.file(assetId, version, user)
                .flatMap(f -> usage.record(user.id(), f.assetId(), f.version(),
                                inline && FileResponses.viewable(f.mediaType()) ? UsageService.Action.PREVIEW
                                        : UsageService.Action.DOWNLOAD, idempotencyKey)
                        .thenReturn(files.file(f, inline)));
    }

    /** The current version's thumbnail (404 while there is none). */
    Mono<ResponseEntity<Flux<DataBuffer>>> thumbnail(UUID assetId, BatonUser user) {
        return content.get(assetId, user).flatMap(asset -> content.thumbnailKey(assetId, user)
                .map(key -> files.thumbnail(key, asset.fileName())));
    }

    /**
     * The page images of the current version of an asset the user may see (as its file: reps only what {@link
     * AssetVisibility} shows them).
     */
    Mono<AssetPages> pages(UUID assetId, BatonUser user) {
        return content.get(assetId, user).flatMap(asset -> pageImages.pages(assetId, asset.version())
                .map(pages -> new AssetPages(asset.version(), pages.status().name(), pages.count(), pages.reason())));
    }

    /** Page {@code page} (1-based) of the current version of an asset the user may see. */
    Mono<ResponseEntity<Flux<DataBuffer>>> page(UUID assetId, int page, BatonUser user) {
        return content.get(assetId, user).flatMap(asset -> pageImages.page(assetId, asset.version(), page)
                .map(image -> files.page(image, asset.fileName(), asset.version(), page)));
    }

    /**
     * Where the page images of an asset's current version stand.
     *
     * @param version the version they are of
     * @param status {@code PENDING}, {@code READY}, {@code UNAVAILABLE} or {@code NOT_APPLICABLE}
     * @param count how many pages there are, when ready
     * @param reason why they are unavailable, or that pages were left out; otherwise null
     */
    record AssetPages(int version, String status, int count, String reason) {}
}
