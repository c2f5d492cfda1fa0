package dev.baton.webapp.content;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
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
    private final AssetCatalog catalog;

    AssetFiles(ContentService content, FileResponses files, UsageService usage, PageImages pageImages,
            AssetCatalog catalog) {
        this.catalog = catalog;
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
                .flatMap(f -> !counts(user) ? Mono.just(files.file(f, inline)) : usage.record(user.id(), f.assetId(), f.version(),
                                inline && FileResponses.viewable(f.mediaType()) ? UsageService.Action.PREVIEW
                                        : UsageService.Action.DOWNLOAD, idempotencyKey)
                        .thenReturn(files.file(f, inline)));
    }

    /**
     * Whether this person's reads count as uses of the content: not a reviewer's, who opens an asset to approve it,
     * never to use it with a buyer.
     */
    static boolean counts(BatonUser user) {
        return user.role() != Role.REVIEWER;
    }

    /**
     * How often others viewed, previewed and downloaded an asset this person may see, and how many people did: the
     * owner's own uses never count (the asset page's "Viewed N times" and {@code GET /api/v1/assets/{id}/usage}).
     */
    Mono<UsageService.Counts> usage(UUID assetId, BatonUser user) {
        return content.get(assetId, user).then(catalog.owners(java.util.List.of(assetId)))
                .flatMap(owners -> usage.counts(assetId, owners.get(assetId)));
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
        return pages(assetId, null, user);
    }

    /**
     * The page images of a version ({@code null}: the current one); another version only for those who read the whole
     * library ({@link ContentService#file}: marketers, and reviewers opening a version held for review).
     */
    Mono<AssetPages> pages(UUID assetId, Integer version, BatonUser user) {
        return versionOf(assetId, version, user).flatMap(v -> pageImages.pages(assetId, v)
                .map(pages -> new AssetPages(v, pages.status().name(), pages.count(), pages.reason())));
    }

    /** The version asked for, once the user may read it: the current one for {@code null}. */
    private Mono<Integer> versionOf(UUID assetId, Integer version, BatonUser user) {
        return version == null ? content.get(assetId, user).map(AssetSummary::version)
                : content.file(assetId, version, user).map(ContentService.StoredFile::version);
    }

    /** Page {@code page} (1-based) of the current version of an asset the user may see. */
    Mono<ResponseEntity<Flux<DataBuffer>>> page(UUID assetId, int page, BatonUser user) {
        return page(assetId, page, null, user);
    }

    /** Page {@code page} (1-based) of a version ({@code null}: the current one), as {@link #pages(UUID, Integer,
     * BatonUser)} allows. */
    Mono<ResponseEntity<Flux<DataBuffer>>> page(UUID assetId, int page, Integer version, BatonUser user) {
        if (version == null) {
            return content.get(assetId, user).flatMap(asset -> pageImages.page(assetId, asset.version(), page)
                    .map(image -> files.page(image, asset.fileName(), asset.version(), page)));
        }
        return content.file(assetId, version, user).flatMap(file -> pageImages.page(assetId, version, page)
                .map(image -> files.page(image, file.fileName(), version, page)));
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
