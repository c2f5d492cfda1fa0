package dev.baton.webapp.demo;

import dev.baton.webapp.content.AssetCatalog;
import dev.baton.webapp.content.IndexableAsset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What the demo's steps after the library share: running once (recorded in {@code installation_step}), only on top
 * of the demo library, and going on at the next start when a run was cut short; and reading the library's assets.
 */
@Component
class DemoSteps {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final DatabaseClient db;
    private final AssetCatalog catalog;

    DemoSteps(DatabaseClient db, AssetCatalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    /**
     * Runs {@code work} for step {@code step} unless it is done or the demo library is not in (done, not skipped);
     * marks the step started first and done after. Returns what {@code work} counted, or -1 when it did not run.
     */
    int once(String step, IntSupplier work) {
        String library = state(DemoLibrary.STEP);
        String own = state(step);
        if (!"DONE".equals(library) || "DONE".equals(own)) {
            return -1;
        }
        if (own == null) {
            db.sql("insert into installation_step (name, state) values (:name, 'STARTED') on conflict (name) do nothing")
                    .bind("name", step).then().block(WAIT);
        }
        int counted = work.getAsInt();
        db.sql("update installation_step set state = 'DONE', updated_at = now() where name = :name")
                .bind("name", step).then().block(WAIT);
        return counted;
    }

    private String state(String step) {
        return db.sql("select state from installation_step where name = :name").bind("name", step)
                .map(row -> row.get(0, String.class)).one().blockOptional(WAIT).orElse(null);
    }

    /** The library's assets that pass {@code wanted}, by title. */
    List<IndexableAsset> assets(Predicate<IndexableAsset> wanted) {
        List<IndexableAsset> found = new ArrayList<>();
        UUID after = null;
        while (true) {
            List<IndexableAsset> page = catalog.page(after, 200).collectList().block(WAIT);
            if (page == null || page.isEmpty()) {
                break;
            }
            page.stream().filter(wanted).forEach(found::add);
            after = page.getLast().id();
        }
        found.sort(Comparator.comparing(IndexableAsset::title));
        return found;
    }
}
