package dev.baton.webapp.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import dev.baton.webapp.ApiSlice;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.accounts.SignedIn;
import dev.baton.webapp.system.AuditLog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audit API's parameters reach the log as they were meant; what cannot be read is a 400 that names it. */
@ApiSlice(AuditApiController.class)
class AuditApiControllerTest {

    @MockitoBean
    AuditLog audit;

    @MockitoBean
    AuditNames names;

    @Autowired
    WebTestClient client;

    private WebTestClient http;

    @BeforeEach
    void signIn() {
        http = SignedIn.as(client, SignedIn.user("audit-admin", Role.ADMIN));
        given(audit.find(any())).willReturn(Flux.empty());
        given(names.name(anyList())).willReturn(Mono.just(List.of()));
    }

    private AuditLog.Query asked(String query) {
        http.get().uri("/api/v1/audit" + query).exchange().expectStatus().isOk();
        ArgumentCaptor<AuditLog.Query> captor = ArgumentCaptor.forClass(AuditLog.Query.class);
        then(audit).should(org.mockito.Mockito.atLeastOnce()).find(captor.capture());
        return captor.getValue();
    }

    @Test
    void theAuditLogShowsAtMostAThousandEntries() {
        assertThat(asked("?limit=5000").limit()).isEqualTo(1000);
        assertThat(asked("?limit=0").limit()).isEqualTo(1);
        assertThat(asked("").limit()).isEqualTo(100);
    }

    @Test
    void theFiltersReachTheLogWithDaysAsWholeUtcDays() {
        AuditLog.Query query = asked("?actor=Maria&action=account.created&from=2026-12-01&to=2026-12-07&before=42");
        assertThat(query.actor()).isEqualTo("Maria");
        assertThat(query.action()).isEqualTo("account.created");
        assertThat(query.from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(query.before()).isEqualTo(42L);

        AuditLog.Query instants = asked("?from=2026-12-07T10:15:00Z&to=2026-12-07T11:00:00Z");
        assertThat(instants.from()).isEqualTo(Instant.parse("2026-12-07T10:15:00Z"));
        assertThat(instants.to()).isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));
    }

    @Test
    void timesThatCannotBeReadAreNamedAndTheLogIsNotAsked() {
        http.get().uri("/api/v1/audit?from=last-week&before=0").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("from")
                .jsonPath("$.errors[1].field").isEqualTo("before");
        http.get().uri("/api/v1/audit?from=2026-12-07&to=2026-12-01").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("to: must be after from");
        then(audit).should(never()).find(any());
    }
}
