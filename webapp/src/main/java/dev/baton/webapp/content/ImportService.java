package dev.baton.webapp.content;

import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStore;
import dev.baton.webapp.accounts.AccountDirectory;
import dev.baton.webapp.accounts.AccountService;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Person;
import dev.baton.webapp.content.bulk.ImportSource;
import dev.baton.webapp.content.bulk.InvalidImportException;
import dev.baton.webapp.content.bulk.Manifest;
import dev.baton.webapp.content.bulk.ManifestParser;
import dev.baton.webapp.content.bulk.ManifestProblem;
import dev.baton.webapp.content.bulk.ManifestRow;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.BackgroundWorker;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.DataDirectory;
import io.r2dbc.spi.Readable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk imports of a ZIP with an optional manifest. The request stores the archive (and manifest) in the object store
 * and queues a job; a worker per node works through queued jobs one file at a time, each file an ordinary upload.
 * Every file's outcome is recorded as it happens, so a job interrupted by a crash resumes where it stopped when a node
 * starts again, and running the same import again skips what is already in the library.
 */
@Service
public class ImportService extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    private static final TypeReference<List<ImportStatus.Problem>> PROBLEMS = new TypeReference<>() {};
    private static final String STATUS = "select j.id, j.status, j.total, j.processed, j.imported, j.skipped, "
            + "j.failed, j.problems::text as problems, j.message, j.created_by, j.created_at, j.finished_at "
            + "from import_job j ";

    private final DatabaseClient db;
    private final BlobStore blobs;
    private final ContentService content;
    private final AccountService accounts;
    private final AccountDirectory directory;
    private final AuditLog audit;
    private final JsonMapper json;
    private final DataDirectory dataDirectory;
    private final String node;

    ImportService(DatabaseClient db, BlobStore blobs, ContentService content, AccountService accounts,
            AccountDirectory directory, AuditLog audit, JsonMapper json, DataDirectory dataDirectory,
            BatonProperties properties) {
        super("baton-import", properties.extraction().poll());
        this.db = db;
        this.blobs = blobs;
        this.content = content;
        this.accounts = accounts;
        this.directory = directory;
        this.audit = audit;
        this.json = json;
        this.dataDirectory = dataDirectory;
        this.node = DerivedWork.nodeName(properties.nodeName(), dataDirectory);
    }

    /**
     * Queues an import of a ZIP already spooled to {@code archive}, with an optional manifest file. The archive is
     * checked to be a readable ZIP and the manifest to be CSV or JSON now, so those mistakes get a 4xx at once.
     */
    public Mono<ImportStatus> start(Path archive, Path manifest, String manifestName, BatonUser user,
            String remoteAddr) {
        UUID id = UUID.randomUUID();
        return Mono.fromCallable(() -> {
                    check(archive, manifest, manifestName);
                    String archiveKey = BlobKeys.staging();
                    try (InputStream in = Files.newInputStream(archive)) {
                        blobs.put(archiveKey, in, Files.size(archive));
                    }
                    String manifestKey = null;
                    if (manifest != null) {
                        manifestKey = BlobKeys.staging();
                        try (InputStream in = Files.newInputStream(manifest)) {
                            blobs.put(manifestKey, in, Files.size(manifest));
                        }
                    }
                    return new String[] {archiveKey, manifestKey};
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(keys -> db.sql("insert into import_job (id, archive_key, manifest_key, manifest_name, "
                                + "created_by) values (:id, :archive, :manifest, :name, :by)")
                        .bind("id", id).bind("archive", keys[0])
                        .bind("manifest", Parameter.fromOrEmpty(keys[1], String.class))
                        .bind("name", Parameter.fromOrEmpty(manifest == null ? null : manifestName, String.class))
                        .bind("by", user.id())
                        .then())
                .then(audit.record(user.getUsername(), "import.started", id.toString(), manifestName, remoteAddr))
                .doOnSuccess(done -> wake())
                .then(Mono.defer(() -> status(id)));
    }

    private void check(Path archive, Path manifest, String manifestName) throws IOException {
        Path temp = Files.createTempDirectory("baton-import-check-");
        try (ImportSource source = ImportSource.open(archive, temp)) {
            if (source.count() == 0) {
                throw new InvalidImportException("The ZIP archive holds no files to import");
            }
        } finally {
            FileSystemUtils.deleteRecursively(temp);
        }
        if (manifest != null) {
            parseManifest(manifest, manifestName);
        }
    }

    private static Manifest parseManifest(Path manifest, String name) throws IOException {
        String safeName = name == null || name.isBlank() ? "manifest" : FileNames.displayName(name);
        try (InputStream in = Files.newInputStream(manifest)) {
            return ManifestParser.parse(in, safeName);
        }
    }

    public Mono<ImportStatus> status(UUID id) {
        return db.sql(STATUS + "where j.id = :id").bind("id", id).map(this::status).all().collectList()
                .flatMap(this::named)
                .flatMap(named -> named.isEmpty() ? Mono.error(new BatonException.NotFound("No import " + id))
                        : Mono.just(named.getFirst()))
                .flatMap(status -> status.skipped() == 0 ? Mono.just(status)
                        : db.sql("select i.path, i.asset_id, a.title from import_item i "
                                        + "left join asset a on a.id = i.asset_id "
                                        + "where i.job_id = :id and i.outcome = 'SKIPPED' order by i.path limit 1000")
                                .bind("id", id)
                                .map(row -> new ImportStatus.Skip(row.get("path", String.class),
                                        row.get("asset_id", UUID.class), row.get("title", String.class)))
                                .all().collectList().map(status::withSkips));
    }

    /** The latest imports, newest first. */
    public Mono<List<ImportStatus>> recent(int limit) {
        return db.sql(STATUS + "order by j.created_at desc limit :limit").bind("limit", Math.clamp(limit, 1, 100))
                .map(this::status).all().collectList().flatMap(this::named);
    }

    /** A job's row, and the account that started it, whose user name {@link #named} fills in. */
    private record Row(ImportStatus status, long createdBy) {}

    private Row status(Readable row) {
        OffsetDateTime finished = row.get("finished_at", OffsetDateTime.class);
        return new Row(new ImportStatus(row.get("id", UUID.class), row.get("status", String.class),
                row.get("total", Integer.class), row.get("processed", Integer.class),
                row.get("imported", Integer.class), row.get("skipped", Integer.class),
                row.get("failed", Integer.class), json.readValue(row.get("problems", String.class), PROBLEMS),
                row.get("message", String.class), null,
                row.get("created_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant()), row.get("created_by", Long.class));
    }

    private Mono<List<ImportStatus>> named(List<Row> rows) {
        return directory.people(rows.stream().map(Row::createdBy).toList()).map(people -> rows.stream().map(row -> {
            ImportStatus s = row.status();
            Person by = people.get(row.createdBy());
            return new ImportStatus(s.id(), s.status(), s.total(), s.processed(), s.imported(), s.skipped(),
                    s.failed(), s.problems(), s.message(), by == null ? null : by.username(), s.createdAt(),
                    s.finishedAt());
        }).toList());
    }

    @Override
    protected void releaseOwnClaims() {
        db.sql("update import_job set claimed_by = null, claimed_at = null where claimed_by = :node "
                        + "and status in ('QUEUED', 'RUNNING')")
                .bind("node", node).fetch().rowsUpdated()
                .doOnNext(released -> {
                    if (released > 0) {
                        log.info("Resuming {} import(s) interrupted by a stop", released);
                    }
                })
                .block(Duration.ofSeconds(30));
    }

    @Override
    protected boolean workOnce() throws IOException {
        Optional<Job> job = claim();
        if (job.isPresent()) {
            process(job.get());
        }
        return job.isPresent();
    }

    @Override
    protected String problem() {
        return "An import hit a problem; it will be resumed shortly";
    }

    private Optional<Job> claim() {
        return db.sql("update import_job set claimed_by = :node, claimed_at = now(), status = 'RUNNING' "
                        + "where id = (select id from import_job where status in ('QUEUED', 'RUNNING') "
                        // this node's own claim is stale whenever this one thread looks for work: the job it
                        // held failed (the database or the store went away) and is resumed now, not in 10 minutes
                        + "and (claimed_by is null or claimed_by = :node or claimed_at < now() - interval '10 minutes') "
                        + "order by created_at limit 1 for update skip locked) "
                        + "returning id, archive_key, manifest_key, manifest_name, created_by, total, processed")
                .bind("node", node)
                .map(row -> new Job(row.get("id", UUID.class), row.get("archive_key", String.class),
                        row.get("manifest_key", String.class), row.get("manifest_name", String.class),
                        row.get("created_by", Long.class), row.get("total", Integer.class) > 0))
                .one()
                .blockOptional(Duration.ofSeconds(30));
    }

    private void process(Job job) throws IOException {
        Path work = Files.createTempDirectory(dataDirectory.directory("tmp"), "import-");
        try {
            Path archive = download(job.archiveKey(), work.resolve("archive.zip"));
            Manifest manifest = null;
            if (job.manifestKey() != null) {
                manifest = parseManifest(download(job.manifestKey(), work.resolve("manifest")), job.manifestName());
            }
            try (ImportSource source = ImportSource.open(archive, work)) {
                if (manifest == null) {
                    manifest = source.manifest();
                }
                if (!job.opened()) {
                    List<ManifestProblem> problems = new java.util.ArrayList<>(manifest.problems());
                    problems.addAll(manifest.rowsWithoutFile(source.paths()));
                    // a manifest row that fails with no file of the archive to count it is one item of the
                    // import too (failed from the start), so the counts add up to the rows and files listed
                    int rowsFailing = manifest.rowsFailingWithoutAFile(source.paths()).size();
                    db.sql("update import_job set total = :total, processed = processed + :rows, "
                                    + "failed = failed + :rows, problems = problems || cast(:problems as jsonb) "
                                    + "where id = :id")
                            .bind("id", job.id()).bind("total", source.count() + rowsFailing).bind("rows", rowsFailing)
                            .bind("problems", json.writeValueAsString(problems.stream()
                                    .map(p -> new ImportStatus.Problem(p.line(), p.file(), p.reason())).toList()))
                            .then().block(Duration.ofSeconds(30));
                }
                Set<String> done = new HashSet<>(db.sql("select path from import_item where job_id = :id")
                        .bind("id", job.id()).map(row -> row.get(0, String.class)).all().collectList()
                        .block(Duration.ofSeconds(30)));
                BatonUser actor = directory.person(job.createdBy())
                        .flatMap(by -> accounts.user(by.username())).block(Duration.ofSeconds(30));
                Manifest rows = manifest;
                source.forEach(new ImportSource.Visitor() {
                    @Override
                    public void file(String path, Path file, long size) {
                        if (!isRunning()) {
                            throw new IllegalStateException("Baton is stopping");
                        }
                        if (!done.contains(path)) {
                            importFile(job, rows, path, file, actor);
                        }
                    }

                    @Override
                    public void refused(String path, String reason) {
                        if (!done.contains(path)) {
                            record(job, path, "FAILED", null, new ImportStatus.Problem(0, path, reason));
                        }
                    }
                });
            }
            finish(job, "DONE", null);
        } catch (InvalidImportException e) {
            finish(job, "FAILED", e.getMessage());
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    private void importFile(Job job, Manifest manifest, String path, Path file, BatonUser actor) {
        Optional<ManifestRow> row = manifest.row(path);
        if (manifest.rejected(path)) {
            record(job, path, "FAILED", null, null);
            return;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        try {
            AssetSummary asset = content.upload(file, name, row.map(ManifestRow::metadata).orElse(null), actor, null)
                    .block(Duration.ofMinutes(30));
            record(job, path, "IMPORTED", asset == null ? null : asset.id(), null);
        } catch (ContentService.AlreadyInLibrary e) {
            record(job, path, "SKIPPED", e.existing(), null);
        } catch (BatonException e) {
            record(job, path, "FAILED", null,
                    new ImportStatus.Problem(row.map(ManifestRow::line).orElse(0), path, e.getMessage()));
        }
    }

    /** One file's outcome and the job's counters, in one transaction-free statement pair that a resume repeats. */
    private void record(Job job, String path, String outcome, UUID assetId, ImportStatus.Problem problem) {
        String counter = switch (outcome) {
            case "IMPORTED" -> "imported";
            case "SKIPPED" -> "skipped";
            default -> "failed";
        };
        db.sql("with item as (insert into import_item (job_id, path, outcome, asset_id) "
                        + "values (:id, :path, :outcome, :asset) on conflict do nothing returning 1) "
                        + "update import_job set processed = processed + 1, " + counter + " = " + counter + " + 1, "
                        + "claimed_at = now(), problems = problems || cast(:problems as jsonb) "
                        + "where id = :id and exists (select 1 from item)")
                .bind("id", job.id()).bind("path", path).bind("outcome", outcome)
                .bind("asset", Parameter.fromOrEmpty(assetId, UUID.class))
                .bind("problems", problem == null ? "[]" : json.writeValueAsString(List.of(problem)))
                .then().block(Duration.ofSeconds(30));
    }

    private void finish(Job job, String status, String message) {
        db.sql("update import_job set status = :status, message = :message, finished_at = now(), claimed_by = null, "
                        + "claimed_at = null where id = :id")
                .bind("id", job.id()).bind("status", status)
                .bind("message", Parameter.fromOrEmpty(message, String.class))
                .then().block(Duration.ofSeconds(30));
        for (String key : new String[] {job.archiveKey(), job.manifestKey()}) {
            if (key != null) {
                try {
                    blobs.delete(key);
                } catch (RuntimeException e) {
                    log.warn("Could not delete the import's staged file {}: {}", key, e.getMessage());
                }
            }
        }
        log.info("Import {} {}{}", job.id(), status.toLowerCase(), message == null ? "" : ": " + message);
    }

    private Path download(String key, Path target) throws IOException {
        try (InputStream in = blobs.open(key)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private record Job(UUID id, String archiveKey, String manifestKey, String manifestName, long createdBy,
            boolean opened) {}
}
