package dev.baton.webapp.content;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Bulk imports over HTTP (marketers). */
@RestController
@RequestMapping("/api/v1/imports")
class ImportApiController {

    private final ImportService imports;

    ImportApiController(ImportService imports) {
        this.imports = imports;
    }

    /**
     * Queues an import: a {@code file} part with a ZIP and an optional {@code manifest} part (CSV or JSON; without
     * it a {@code manifest.csv} or {@code manifest.json} at the ZIP's root is used). 202 with the job's status.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<ImportStatus>> start(@RequestPart("file") Part filePart,
            @RequestPart(value = "manifest", required = false) Part manifestPart,
            @AuthenticationPrincipal BatonUser user, ServerWebExchange exchange) {
        // a part sent as a plain form field (no file name) is not a file: refused, not an argument type mismatch
        FilePart file = asFile("file", filePart);
        FilePart manifest = manifestPart == null ? null : asFile("manifest", manifestPart);
        return AssetApiController.spooled(file, archive -> manifest == null
                        ? imports.start(archive, null, null, user, AssetApiController.address(exchange))
                        : AssetApiController.spooled(manifest, manifestFile -> imports.start(archive, manifestFile,
                                manifest.filename(), user, AssetApiController.address(exchange))))
                .map(status -> ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + status.id()))
                        .body(status));
    }

    private static FilePart asFile(String name, Part part) {
        if (part instanceof FilePart file) {
            return file;
        }
        throw new BatonException.InvalidInput(name, "send a file (a part with a file name), not a form field");
    }

    @GetMapping("/{id}")
    Mono<ImportStatus> status(@PathVariable UUID id) {
        return imports.status(id);
    }

    @GetMapping
    Mono<List<ImportStatus>> recent() {
        return imports.recent(20);
    }
}
