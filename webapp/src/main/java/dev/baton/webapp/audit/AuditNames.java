package dev.baton.webapp.audit;

import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.IndexableAsset;
import dev.baton.webapp.system.AuditLog;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Audit entries with the names people know: the actor's display name, and the target's when it is a user (the
 * account and token actions name a user name) or an asset (the asset actions name its id). A team's actions already
 * name the team. A name that cannot be found (a deleted asset, a name typed at a failed sign-in) is shown as recorded.
 */
@Component
class AuditNames {

    private final AccountDirectory accounts;
    private final AssetCatalog assets;

    AuditNames(AccountDirectory accounts, AssetCatalog assets) {
        this.accounts = accounts;
        this.assets = assets;
    }

    Mono<List<AuditRow>> name(List<AuditLog.Entry> entries) {
        Set<UUID> assetIds = new HashSet<>();
        for (AuditLog.Entry entry : entries) {
            UUID id = assetId(entry);
            if (id != null) {
                assetIds.add(id);
            }
        }
        Mono<Map<UUID, String>> titles = assets.assets(assetIds)
                .collectMap(IndexableAsset::id, IndexableAsset::title);
        return Mono.zip(accounts.displayNames(), titles).map(both -> entries.stream()
                .map(entry -> row(entry, both.getT1(), both.getT2()))
                .toList());
    }

    private static AuditRow row(AuditLog.Entry entry, Map<String, String> people, Map<UUID, String> titles) {
        String actorName = entry.actor() == null ? null : people.get(entry.actor());
        String targetName = null;
        String targetKind = null;
        String targetLink = null;
        UUID assetId = assetId(entry);
        if (assetId != null) {
            targetKind = "asset";
            targetName = titles.get(assetId);
            targetLink = targetName == null ? null : "/assets/" + assetId;
        } else if (namesUser(entry.action()) && entry.target() != null) {
            targetKind = "user";
            targetName = people.get(entry.target());
        } else if (entry.action().startsWith("team.")) {
            targetKind = "team";
            targetName = entry.target();
        }
        return new AuditRow(entry.id(), entry.occurredAt(), entry.actor(), actorName, entry.action(), entry.target(),
                targetKind, targetName, targetLink, entry.detail(), entry.remoteAddr());
    }

    private static boolean namesUser(String action) {
        return action.startsWith("account.") || action.startsWith("token.");
    }

    private static UUID assetId(AuditLog.Entry entry) {
        if (!entry.action().startsWith("asset.") || entry.target() == null) {
            return null;
        }
        try {
            return UUID.fromString(entry.target());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
