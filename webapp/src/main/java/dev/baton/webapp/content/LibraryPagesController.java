package dev.baton.webapp.content;

import static dev.baton.webapp.content.AssetApiController.address;
import static dev.baton.webapp.content.AssetApiController.spooled;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Detached;
import dev.baton.webapp.taxonomy.TaxonomyService;
import dev.baton.webapp.usage.UsageService;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The content library's pages: the list, the upload, an asset with its versions and usage, the metadata form, the
 * lifecycle buttons and the viewer. Authorisation is in the security configuration; what a rep may see is the
 * service's to decide. Form posts answer 303 with a flash message; a domain error on a page renders an error page.
 */
@Controller
class LibraryPagesController {

    private static final String FLASH = "contentFlash";
    private static final int PAGE_SIZE = 20;

    private final ContentService content;
    private final AssetFiles files;
    private final UsageService usage;
    private final TaxonomyService taxonomy;
    private final JsonMapper json;
    private final UploadReceiver receiver;
    private final PageImages pageImages;
    private final DerivedRetry derived;

    LibraryPagesController(ContentService content, AssetFiles files, UsageService usage, TaxonomyService taxonomy,
            JsonMapper json, UploadReceiver receiver, PageImages pageImages, DerivedRetry derived) {
        this.pageImages = pageImages;
        this.derived = derived;
        this.content = content;
        this.files = files;
        this.usage = usage;
        this.taxonomy = taxonomy;
        this.json = json;
        this.receiver = receiver;
    }

    @GetMapping("/library")
    Mono<String> library(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(required = false) String status, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange, Model model) {
        boolean manager = user.canManageContent();
        String wanted = manager && status != null && !status.isBlank() ? status.strip().toLowerCase(Locale.ROOT) : "";
        model.addAttribute("manager", manager);
        model.addAttribute("mine", manager && mine);
        model.addAttribute("status", wanted);
        model.addAttribute("expiringView", manager && exchange.getRequest().getQueryParams().containsKey("expiring"));
        Mono<List<AssetSummary>> expiring = manager ? content.expiring(user, ExpiryNotice.DAYS) : Mono.just(List.of());
        return Mono.zip(content.list(user, page, PAGE_SIZE, manager && mine, wanted), expiring, vocabulary(),
                        flash(exchange))
                .map(t -> {
                    AssetPage assets = t.getT1();
                    model.addAttribute("assets", assets);
                    model.addAttribute("pages", Math.max(1, (assets.total() + PAGE_SIZE - 1) / PAGE_SIZE));
                    model.addAttribute("expiring", t.getT2());
                    model.addAttribute("expiryNotice", ExpiryNotice.of(t.getT2()));
                    model.addAttribute("vocab", t.getT3());
                    model.addAttribute("flash", t.getT4().orElse(null));
                    return "content/library";
                });
    }

    /**
     * Uploads one file of a batch from the library page's script: a {@code file} part and a {@code metadata} part
     * holding {@link AssetMetadata} as JSON. Answers JSON: 201 with the asset, or a problem document.
     */
    @PostMapping("/assets")
    @ResponseBody
    Mono<ResponseEntity<Object>> upload(@RequestBody Flux<PartEvent> parts, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        // streamed into the object store as it arrives, as through the API (UploadReceiver)
        return receiver.receive(parts, exchange.getRequest().getHeaders().getContentLength())
                .flatMap(received -> Detached.uncancellable(receiver.withField(received, "metadata", this::metadata,
                        metadata -> content.upload(received.file(), metadata, user, address(exchange)))))
                .map(asset -> ResponseEntity.created(URI.create("/assets/" + asset.id())).<Object>body(asset))
                .onErrorResume(BatonException.class, e -> Mono.just(problem(e, exchange)));
    }

    private AssetMetadata metadata(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return json.readValue(value, AssetMetadata.class);
        } catch (JacksonException e) {
            throw new BatonException.InvalidInput("metadata", "is not valid JSON for an asset's metadata");
        }
    }

    @GetMapping("/assets/{id}")
    Mono<String> asset(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange,
            Model model) {
        boolean manager = user.canManageContent();
        // a reviewer reads to decide, not to use: no related assets, feedback or usage for them, and no view counted
        boolean reviewer = !AssetFiles.counts(user);
        return content.get(id, user).flatMap(asset -> flash(exchange).flatMap(flash -> {
            // the page shown again after one's own change is not another view
            Mono<Boolean> viewed = flash.isPresent() || reviewer ? Mono.just(false)
                    : usage.record(user.id(), id, asset.version(), UsageService.Action.VIEW, null);
            Mono<List<AssetVersion>> versions = manager ? content.versions(id, user) : Mono.just(List.of());
            Mono<Optional<DerivedRetry.Derived>> work = manager
                    ? derived.state(id, user).map(Optional::of).defaultIfEmpty(Optional.empty())
                    : Mono.just(Optional.empty());
            return viewed.then(Mono.zip(files.usage(id, user), versions, vocabulary(), work)).map(t -> {
                model.addAttribute("asset", asset);
                model.addAttribute("manager", manager);
                model.addAttribute("reviewer", reviewer);
                model.addAttribute("derived", t.getT4().orElse(null));
                model.addAttribute("flash", flash.orElse(null));
                model.addAttribute("usage", usageSentence(t.getT1()));
                model.addAttribute("versions", t.getT2());
                model.addAttribute("vocab", t.getT3());
                return "content/asset";
            });
        }));
    }

    @GetMapping("/assets/{id}/edit")
    Mono<String> edit(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, Model model) {
        return content.get(id, user).flatMap(asset -> editPage(asset, AssetForm.of(asset), Map.of(), model));
    }

    /** Saves the metadata form; a date left empty is cleared. Refused values are shown next to their fields. */
    @PostMapping("/assets/{id}/edit")
    Mono<String> save(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange,
            Model model) {
        return exchange.getFormData().flatMap(data -> {
            AssetForm form = AssetForm.of(data);
            Map<String, String> errors = new LinkedHashMap<>();
            AssetMetadata change = form.metadata(errors);
            Mono<AssetSummary> saved = errors.isEmpty()
                    ? Detached.uncancellable(content.update(id, change, user, address(exchange))
                            .flatMap(updated -> Flux.fromIterable(form.clearedDates())
                                    .filter(column -> hasDate(updated, column))
                                    .concatMap(column -> content.clearDate(id, column, user, address(exchange)))
                                    .then(Mono.just(updated))))
                    : Mono.error(new BatonException.InvalidInput(errors));
            return saved
                    .flatMap(asset -> redirect(exchange, "/assets/" + id, Flash.ok("Saved the changes")))
                    .onErrorResume(BatonException.InvalidInput.class, e -> content.get(id, user).flatMap(asset -> {
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return editPage(asset, form, fieldErrors(e), model);
                    }));
        });
    }

    private Mono<String> editPage(AssetSummary asset, AssetForm form, Map<String, String> errors, Model model) {
        return vocabulary().map(vocab -> {
            model.addAttribute("asset", asset);
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            model.addAttribute("vocab", vocab);
            return "content/edit";
        });
    }

    private static boolean hasDate(AssetSummary asset, String column) {
        return switch (column) {
            case "publish_date" -> asset.publishDate() != null;
            case "review_by" -> asset.reviewBy() != null;
            default -> asset.expiresOn() != null;
        };
    }

    @PostMapping("/assets/{id}/publish")
    Mono<String> publish(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return lifecycle(id, exchange, content.publish(id, user, address(exchange)), asset -> asset.expired()
                ? "Published, but its expiry date has passed: reps will see it once you move the date"
                : "Published: reps can find it now");
    }

    @PostMapping("/assets/{id}/archive")
    Mono<String> archive(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return lifecycle(id, exchange, content.archive(id, user, address(exchange)),
                asset -> "Archived: reps no longer see it; restore it from here at any time");
    }

    @PostMapping("/assets/{id}/unarchive")
    Mono<String> unarchive(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return lifecycle(id, exchange, content.unarchive(id, user, address(exchange)),
                asset -> "Restored from the archive as " + asset.status().toLowerCase(Locale.ROOT));
    }

    /** Tries the failed text, thumbnail and page images of the asset's current version again. */
    @PostMapping("/assets/{id}/derived/retry")
    Mono<String> retryDerived(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return Detached.uncancellable(derived.retry(id, user, address(exchange)))
                .map(retried -> Flash.ok("Trying again: " + String.join(", ", retried.retried().stream()
                        .map(LibraryPagesController::partName).toList()) + ". This page shows the outcome once done"))
                .onErrorResume(BatonException.class, e -> e instanceof BatonException.NotFound ? Mono.error(e)
                        : Mono.just(Flash.error(e.getMessage())))
                .flatMap(flash -> redirect(exchange, "/assets/" + id, flash));
    }

    private static String partName(String part) {
        return switch (part) {
            case "text" -> "the text";
            case "thumbnail" -> "the thumbnail";
            default -> "the page images";
        };
    }

    @PostMapping("/assets/{id}/versions/{version}/restore")
    Mono<String> restore(@PathVariable UUID id, @PathVariable int version, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> lifecycle(id, exchange,
                content.restoreVersion(id, version, form.getFirst("note"), user, address(exchange)),
                asset -> "Restored version " + version + " as version " + asset.version()));
    }

    private Mono<String> lifecycle(UUID id, ServerWebExchange exchange, Mono<AssetSummary> action,
            Function<AssetSummary, String> done) {
        return Detached.uncancellable(action)
                .map(asset -> Flash.ok(done.apply(asset)))
                .onErrorResume(BatonException.class, e -> e instanceof BatonException.NotFound ? Mono.error(e)
                        : Mono.just(Flash.error(e.getMessage())))
                .flatMap(flash -> redirect(exchange, "/assets/" + id, flash));
    }

    /** The confirmation step before a delete. */
    @GetMapping("/assets/{id}/delete")
    Mono<String> confirmDelete(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, Model model) {
        return content.get(id, user).map(asset -> {
            model.addAttribute("asset", asset);
            return "content/delete";
        });
    }

    @PostMapping("/assets/{id}/delete")
    Mono<String> delete(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        return content.get(id, user)
                .flatMap(asset -> Detached.uncancellable(content.delete(id, user, address(exchange)))
                        .then(redirect(exchange, "/library", Flash.ok("Deleted \u201c" + asset.title()
                                + "\u201d and its history"))));
    }

    /** A new version from a plain form post: 303 back to the asset page, the outcome as a flash message. */
    @PostMapping("/assets/{id}/versions")
    Mono<String> addVersion(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return newVersion(id, user, exchange)
                .flatMap(asset -> versionAdded(asset, user))
                .onErrorResume(BatonException.class, e -> e instanceof BatonException.NotFound ? Mono.error(e)
                        : Mono.just(Flash.error("The new version was not stored: " + e.getMessage())))
                .flatMap(flash -> redirect(exchange, "/assets/" + id, flash));
    }

    /**
     * A new version from the asset page's script (which shows the upload's progress): 201 with the asset, the
     * outcome kept as a flash message for the page the script then opens; or a problem document it shows by the form.
     */
    @PostMapping(path = "/assets/{id}/versions", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Mono<ResponseEntity<Object>> addVersionJson(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user,
            ServerWebExchange exchange) {
        return newVersion(id, user, exchange)
                .flatMap(asset -> Mono.zip(versionAdded(asset, user), exchange.getSession()).map(t -> {
                    t.getT2().getAttributes().put(FLASH, t.getT1());
                    return ResponseEntity.created(URI.create("/assets/" + id)).<Object>body(asset);
                }))
                .onErrorResume(BatonException.class, e -> Mono.just(problem(e, exchange)));
    }

    private Mono<AssetSummary> newVersion(UUID id, BatonUser user, ServerWebExchange exchange) {
        return content.get(id, user).then(exchange.getMultipartData()).flatMap(parts -> {
            if (!(parts.getFirst("file") instanceof FilePart file) || file.filename().isBlank()) {
                return Mono.error(new BatonException.InvalidInput("file", "choose the file of the new version"));
            }
            String note = parts.getFirst("note") instanceof FormFieldPart field ? field.value() : null;
            return spooled(file, path -> content.addVersion(id, path, file.filename(), note, user,
                    address(exchange)));
        });
    }

    /** What became of the new version: live, or held beside the live one until a review approves it. */
    private Mono<Flash> versionAdded(AssetSummary asset, BatonUser user) {
        return content.versions(asset.id(), user).map(versions -> versions.stream()
                .filter(v -> v.version() > asset.version())
                .max(Comparator.comparingInt(AssetVersion::version))
                .map(held -> Flash.ok("Version " + held.version() + " (" + held.fileName() + ") is held for review: "
                        + "reps keep version " + asset.version() + " until it is approved"))
                .orElseGet(() -> Flash.ok("Version " + asset.version() + " (" + asset.fileName()
                        + ") is now the current version")));
    }

    /**
     * The viewer: a PDF through PDF.js, an image inline, a deck's or document's page images one after another (a
     * preview once they are drawn; "being prepared" before, the reason and a download when they cannot be).
     */
    @GetMapping("/assets/{id}/view")
    Mono<String> view(@PathVariable UUID id, @RequestParam(required = false) Integer version,
            @AuthenticationPrincipal BatonUser user, Model model) {
        // another version than the current one (a version held for review, for its reviewers) as content.file allows
        return content.get(id, user).flatMap(current -> (version == null || version == current.version()
                ? Mono.just(current) : content.file(id, version, user).map(current::atVersion)).flatMap(asset -> {
            model.addAttribute("asset", asset);
            model.addAttribute("version", asset.version() == current.version() ? null : asset.version());
            if (!PageImages.applies(asset.mediaType())) {
                return Mono.just("content/view");
            }
            return pageImages.state(id, asset.version()).flatMap(state -> {
                model.addAttribute("pages", state);
                Mono<Boolean> previewed = state.pages().status() == PageImages.Status.READY && AssetFiles.counts(user)
                        ? usage.record(user.id(), id, asset.version(), UsageService.Action.PREVIEW, null)
                        : Mono.just(false);
                return previewed.thenReturn("content/view");
            });
        }));
    }

    /** Where the page images of the current version stand, for the viewer waiting for them. */
    @GetMapping(path = "/assets/{id}/pages", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Mono<AssetFiles.AssetPages> pages(@PathVariable UUID id, @RequestParam(required = false) Integer version,
            @AuthenticationPrincipal BatonUser user) {
        return files.pages(id, version, user);
    }

    @GetMapping("/assets/{id}/pages/{page}")
    Mono<ResponseEntity<Flux<DataBuffer>>> page(@PathVariable UUID id, @PathVariable int page,
            @RequestParam(required = false) Integer version, @AuthenticationPrincipal BatonUser user) {
        return files.page(id, page, version, user);
    }

    @GetMapping("/assets/{id}/file")
    Mono<ResponseEntity<Flux<DataBuffer>>> file(@PathVariable UUID id,
            @RequestParam(defaultValue = "attachment") String disposition, @AuthenticationPrincipal BatonUser user) {
        return files.serve(id, null, disposition, null, user);
    }

    @GetMapping("/assets/{id}/versions/{version}/file")
    Mono<ResponseEntity<Flux<DataBuffer>>> versionFile(@PathVariable UUID id, @PathVariable int version,
            @RequestParam(defaultValue = "attachment") String disposition, @AuthenticationPrincipal BatonUser user) {
        return files.serve(id, version, disposition, null, user);
    }

    @GetMapping("/assets/{id}/thumbnail")
    Mono<ResponseEntity<Flux<DataBuffer>>> thumbnail(@PathVariable UUID id, @AuthenticationPrincipal BatonUser user) {
        return files.thumbnail(id, user);
    }

    /** A domain error on a page: the not-found page, or a page that says what was wrong. */
    private Mono<Vocabulary> vocabulary() {
        return taxonomy.taxonomy(true).map(Vocabulary::of);
    }

    /** "Viewed 12 times, previewed 4, downloaded 3, by 5 people": others than the owner. */
    static String usageSentence(UsageService.Counts counts) {
        return "Viewed " + counts.views() + (counts.views() == 1 ? " time" : " times") + ", previewed "
                + counts.previews() + ", downloaded " + counts.downloads() + ", by " + counts.people()
                + (counts.people() == 1 ? " person" : " people");
    }

    private static ResponseEntity<Object> problem(BatonException e, ServerWebExchange exchange) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", e.title());
        problem.put("status", e.status().value());
        problem.put("detail", e.getMessage());
        problem.put("instance", exchange.getRequest().getPath().value());
        problem.putAll(e.properties());
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> fieldErrors(BatonException.InvalidInput e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map<String, String> error : (List<Map<String, String>>) e.properties().get("errors")) {
            errors.merge(error.get("field"), error.get("reason"), (a, b) -> a + "; " + b);
        }
        return errors;
    }

    private static Mono<Optional<Flash>> flash(ServerWebExchange exchange) {
        return exchange.getSession().map(session -> Optional.ofNullable((Flash) session.getAttributes().remove(FLASH)));
    }

    private static Mono<String> redirect(ServerWebExchange exchange, String target, Flash flash) {
        return exchange.getSession().map(session -> {
            session.getAttributes().put(FLASH, flash);
            return "redirect:" + target;
        });
    }

    /** A message for the next page a user sees, once. */
    record Flash(String message, boolean error) {

        static Flash ok(String message) {
            return new Flash(message, false);
        }

        static Flash error(String message) {
            return new Flash(message, true);
        }
    }
}
