package dev.baton.webapp.demo;

import dev.baton.webapp.accounts.AccountService;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.AssetMetadata;
import dev.baton.webapp.content.AssetSummary;
import dev.baton.webapp.content.ContentService;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.BatonProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * On a new installation (an empty library), loads the demo library: generated collateral spread across the
 * taxonomy, and a demo user per role whose passwords the log prints once. Turned off with {@code
 * BATON_DEMO_ENABLED=false}. Runs once: a restart in the middle finishes the job (files already in are skipped); an
 * installation that had content before is never given demo content. Then {@link DemoDeals} adds deals, links and
 * buyers' visits on top of it (a step of its own, also resumed at the next start), and {@link DemoLibraryUsage} the
 * library's usage over the last 18 months.
 */
@Component
class DemoLibrary {

    private static final Logger log = LoggerFactory.getLogger(DemoLibrary.class);
    static final String STEP = "demo-library";

    private final BatonProperties.Demo settings;
    private final DatabaseClient db;
    private final AccountService accounts;
    private final ContentService content;
    private final AssetCatalog catalog;
    private final DemoDeals deals;
    private final DemoLibraryUsage usage;
    private final DemoPacks packs;

    DemoLibrary(BatonProperties properties, DatabaseClient db, AccountService accounts, ContentService content,
            AssetCatalog catalog, DemoDeals deals, DemoLibraryUsage usage, DemoPacks packs) {
        this.deals = deals;
        this.packs = packs;
        this.usage = usage;
        this.settings = properties.demo();
        this.db = db;
        this.accounts = accounts;
        this.content = content;
        this.catalog = catalog;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadOnAnEmptyLibrary() {
        if (!settings.enabled()) {
            return;
        }
        Thread.ofPlatform().daemon().name("baton-demo-library").start(() -> {
            try {
                load();
                // the next step: deals, links and visits of the demo library (after it, and only on top of it)
                deals.load();
                // and the library's own usage over the months (views, downloads, shares), also a step of its own
                usage.load();
                // two published enablement packs with the demo reps' progress
                packs.load();
            } catch (RuntimeException e) {
                log.warn("Could not load the demo library; it will be tried again at the next start", e);
            }
        });
    }

    void load() {
        String state = db.sql("select state from installation_step where name = :name").bind("name", STEP)
                .map(row -> row.get(0, String.class)).one().blockOptional(Duration.ofSeconds(30)).orElse(null);
        if ("DONE".equals(state) || "SKIPPED".equals(state)) {
            return;
        }
        if (state == null) {
            long assets = catalog.count().blockOptional(Duration.ofSeconds(30)).orElse(0L);
            boolean fresh = assets == 0;
            Long claimed = db.sql("insert into installation_step (name, state) values (:name, :state) "
                            + "on conflict (name) do nothing")
                    .bind("name", STEP).bind("state", fresh ? "STARTED" : "SKIPPED")
                    .fetch().rowsUpdated().block(Duration.ofSeconds(30));
            if (!fresh || claimed == null || claimed == 0) {
                return;
            }
        }
        log.info("Loading the demo library (turn it off with BATON_DEMO_ENABLED=false)");
        List<String> credentials = new ArrayList<>();
        for (DemoUser user : DemoDocuments.users()) {
            String password = StringUtils.hasText(settings.password()) ? settings.password()
                    : AccountService.randomPassword();
            try {
                accounts.create(new AccountService.NewAccount(user.username(), user.displayName(), password,
                        user.role()), "demo", null).block(Duration.ofSeconds(60));
                credentials.add(user.username() + " (" + user.role().toLowerCase() + ") password: " + password);
            } catch (BatonException.Conflict e) {
                log.debug("Demo user {} exists already", user.username());
            }
        }
        BatonUser loader = accounts.user("admin").block(Duration.ofSeconds(30));
        int loaded = 0;
        for (DemoAsset asset : DemoDocuments.generate()) {
            if (store(asset, loader)) {
                loaded++;
            }
        }
        db.sql("update installation_step set state = 'DONE', updated_at = now() where name = :name")
                .bind("name", STEP).then().block(Duration.ofSeconds(30));
        log.info("Loaded the demo library: {} assets", loaded);
        if (!credentials.isEmpty()) {
            log.warn("Demo users (shown once; set BATON_DEMO_PASSWORD to choose the password):\n  {}",
                    String.join("\n  ", credentials));
        }
    }

    boolean store(DemoAsset asset, BatonUser loader) {
        // generated files differ byte for byte from run to run: a title already in means loaded before a restart
        if (Boolean.TRUE.equals(catalog.hasTitle(asset.title()).block(Duration.ofSeconds(30)))) {
            return false;
        }
        LocalDate today = LocalDate.now();
        AssetMetadata metadata = new AssetMetadata(asset.title(), asset.description(), asset.contentType(),
                asset.facets(), asset.tags(), asset.owner(), today.minusDays(asset.publishedDaysAgo()), null,
                asset.expiresInDays() == null ? null : today.plusDays(asset.expiresInDays()), asset.internalOnly(),
                "published");
        Path file = null;
        try {
            file = Files.createTempFile("baton-demo-", ".bin");
            Files.write(file, asset.bytes());
            AssetSummary stored = content.upload(file, asset.fileName(), metadata, loader, null)
                    .block(Duration.ofMinutes(2));
            // as a real library's would be: published over the last 18 months, some updated since
            Instant published = today.minusDays(asset.publishedDaysAgo()).atTime(9, 0).toInstant(ZoneOffset.UTC)
                    .plus(Duration.ofMinutes(Math.floorMod(asset.title().hashCode(), 8 * 60)));
            int updatedAfter = asset.publishedDaysAgo() % 3 == 0 ? 0 : asset.publishedDaysAgo() * 2 / 3;
            content.backdate(stored.id(), published, published.plus(Duration.ofDays(updatedAfter)))
                    .block(Duration.ofSeconds(30));
            return true;
        } catch (BatonException e) {
            // already in (a restart in the middle of loading), or refused: say which and go on
            log.info("Demo asset '{}' not loaded: {}", asset.title(), e.getMessage());
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.debug("Could not delete {}", file, e);
                }
            }
        }
    }
}
