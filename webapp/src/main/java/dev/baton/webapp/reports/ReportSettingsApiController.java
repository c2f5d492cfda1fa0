package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The reports' settings: marketers and admins read them, admins change them. */
@RestController
@RequestMapping(path = "/api/v1/reports/settings", produces = MediaType.APPLICATION_JSON_VALUE)
class ReportSettingsApiController {

    private final ReportSettings settings;

    ReportSettingsApiController(ReportSettings settings) {
        this.settings = settings;
    }

    /** The settings: whether reports hide rep names (figures by team only). */
    record Settings(Boolean hideRepNames) {}

    @Operation(summary = "The reports' settings")
    @GetMapping
    Mono<Settings> get(@AuthenticationPrincipal BatonUser user) {
        ReportAccess.requireMarketer(user);
        return settings.hideRepNames().map(Settings::new);
    }

    @Operation(summary = "Change the reports' settings (admins)")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Settings> put(@RequestBody Settings change, @AuthenticationPrincipal BatonUser user,
            ServerHttpRequest request) {
        if (change == null || change.hideRepNames() == null) {
            return Mono.error(new BatonException.InvalidInput("hideRepNames", "say true or false"));
        }
        String remote = request.getRemoteAddress() == null ? null
                : request.getRemoteAddress().getAddress().getHostAddress();
        return settings.setHideRepNames(change.hideRepNames(), user.getUsername(), remote).map(Settings::new);
    }
}
