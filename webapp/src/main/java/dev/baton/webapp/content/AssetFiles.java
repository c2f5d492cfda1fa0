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

    AssetFiles(ContentService content, FileResponses files, UsageService usage) {
        this.content = content;
        this.files = files;
        this.usage = usage;
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
}
