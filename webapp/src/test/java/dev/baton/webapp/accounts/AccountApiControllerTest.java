package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import dev.baton.webapp.ApiSlice;
import dev.baton.webapp.system.BatonException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The accounts API's mapping, validation and error shapes, with the service mocked: what a client sends reaches
 * {@link AccountService} as it was meant, and what is wrong with a request is answered before it does, as a problem
 * document naming each wrong field. Who may call it, and the service's own rules, are the full-stack tests'.
 */
@ApiSlice(AccountApiController.class)
class AccountApiControllerTest {

    @MockitoBean
    AccountService accounts;

    @Autowired
    WebTestClient client;

    private final BatonUser admin = SignedIn.user("accounts-admin", Role.ADMIN);
    private WebTestClient http;

    @BeforeEach
    void signIn() {
        http = SignedIn.as(client, admin);
    }

    @Test
    void aNewUserReachesTheServiceAsSentWithTheActorsName() {
        given(accounts.create(any(), any(), any())).willReturn(Mono.just(
                new Account(12, "dana.rep", "Dana", Role.REP, true, Instant.parse("2026-01-01T00:00:00Z"))));

        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "Dana.Rep", "displayName", "Dana", "password", "dana-password-1",
                        "role", "rep"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.id").isEqualTo(12)
                .jsonPath("$.username").isEqualTo("dana.rep")
                .jsonPath("$.role").isEqualTo("REP");

        ArgumentCaptor<AccountService.NewAccount> sent = ArgumentCaptor.forClass(AccountService.NewAccount.class);
        then(accounts).should().create(sent.capture(), eq("accounts-admin"), any());
        assertThat(sent.getValue()).isEqualTo(
                new AccountService.NewAccount("Dana.Rep", "Dana", "dana-password-1", "rep"));
    }

    @Test
    void missingFieldsAreNamedEachWithItsReason() {
        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "long-enough-password"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Invalid request")
                .jsonPath("$.errors[?(@.field == 'username')].reason").isEqualTo(List.of("must not be blank"))
                .jsonPath("$.errors[?(@.field == 'role')].reason").isEqualTo(List.of("must not be blank"))
                .jsonPath("$.errors.length()").isEqualTo(2);

        then(accounts).should(never()).create(any(), any(), any());
    }

    @Test
    void valuesTooLongAreNamedWithTheLimit() {
        http.post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "n".repeat(101), "username", "u".repeat(65)))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'name')].reason").isEqualTo(List.of("size must be between 0 and 100"))
                .jsonPath("$.errors[?(@.field == 'username')].reason")
                .isEqualTo(List.of("size must be between 0 and 64"));

        then(accounts).should(never()).issueToken(any(), any(), any(), any());
    }

    @Test
    void aBodyThatIsNotJsonIsExplained() {
        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("The request body is not valid JSON for this endpoint");
    }

    @Test
    void aUserIdThatIsNotANumberIsA400WithoutInternals() {
        String body = http.get().uri("/api/v1/users/not-a-number")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("The parameter 'id' is missing or malformed")
                .doesNotContain("Exception", "at dev.", "java.");
        then(accounts).should(never()).get(anyLong());
    }

    @Test
    void aMethodTheEndpointDoesNotHaveIsA405NamingTheOnesItHas() {
        http.delete().uri("/api/v1/me")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("DELETE is not supported here; use [GET]");
    }

    @Test
    void serviceRefusalsBecomeProblemDocuments() {
        given(accounts.get(424242)).willReturn(Mono.error(new BatonException.NotFound("No user 424242")));
        given(accounts.update(eq(5L), any(), any(), any()))
                .willReturn(Mono.error(new BatonException.InvalidInput("role", "use REP, MARKETER, TRAINER or ADMIN")));

        http.get().uri("/api/v1/users/424242")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Not found")
                .jsonPath("$.detail").isEqualTo("No user 424242")
                .jsonPath("$.instance").isEqualTo("/api/v1/users/424242");
        http.patch().uri("/api/v1/users/5").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "boss"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("role")
                .jsonPath("$.errors[0].reason").isEqualTo("use REP, MARKETER, TRAINER or ADMIN");
    }

    @Test
    void meDescribesTheSignedInUserWithTheRolesTheirsIncludes() {
        http.get().uri("/api/v1/me")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo("accounts-admin")
                .jsonPath("$.displayName").isEqualTo("accounts-admin Example")
                .jsonPath("$.role").isEqualTo("ADMIN")
                .jsonPath("$.roles").isEqualTo(List.of("ADMIN", "MARKETER", "REP", "TRAINER"));
    }
}
