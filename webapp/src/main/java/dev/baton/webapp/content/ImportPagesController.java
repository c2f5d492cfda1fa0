package dev.baton.webapp.content;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import java.util.UUID;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The bulk-import pages (marketers): start an import of a ZIP with a manifest, and watch its progress. */
@Controller
class ImportPagesController {

    private final ImportService imports;

    ImportPagesController(ImportService imports) {
        this.imports = imports;
    }

    @GetMapping("/imports")
    Mono<String> list(Model model) {
        return imports.recent(20).map(recent -> {
            model.addAttribute("imports", recent);
            return "content/imports";
        });
    }

    @PostMapping("/imports")
    Mono<String> start(ServerWebExchange exchange, @AuthenticationPrincipal BatonUser user, Model model) {
        return exchange.getMultipartData().flatMap(parts -> {
            FilePart archive = filePart(parts, "file");
            FilePart manifest = filePart(parts, "manifest");
            if (archive == null) {
                return Mono.error(new BatonException.InvalidInput("file", "choose a ZIP archive to import"));
            }
            String address = AssetApiController.address(exchange);
            return AssetApiController.spooled(archive, zip -> manifest == null
                    ? imports.start(zip, null, null, user, address)
                    : AssetApiController.spooled(manifest, file -> imports.start(zip, file, manifest.filename(),
                            user, address)));
        }).map(status -> "redirect:/imports/" + status.id())
                .onErrorResume(BatonException.class, e -> {
                    model.addAttribute("formError", e.getMessage());
                    return list(model);
                });
    }

    /** A part that is a file the user chose; browsers send an empty, nameless part for an empty file input. */
    private static FilePart filePart(MultiValueMap<String, Part> parts, String name) {
        return parts.getFirst(name) instanceof FilePart file && !file.filename().isBlank() ? file : null;
    }

    @GetMapping("/imports/{id}")
    Mono<String> show(@PathVariable UUID id, Model model) {
        return imports.status(id).map(status -> {
            model.addAttribute("job", status);
            return "content/import";
        });
    }

    /** The progress fragment the import page polls until the job has finished. */
    @GetMapping("/imports/{id}/progress")
    Mono<String> progress(@PathVariable UUID id, Model model) {
        return imports.status(id).map(status -> {
            model.addAttribute("job", status);
            return "content/import :: progress";
        });
    }
}
