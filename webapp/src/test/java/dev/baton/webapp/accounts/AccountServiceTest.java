package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The account rules, without Spring: the database and the audit log are stand-ins. */
class AccountServiceTest {

    private final AccountRepository repository = mock(AccountRepository.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final TransactionalOperator tx = mock(TransactionalOperator.class);
    private final AccountService service =
            new AccountService(repository, mock(PasswordEncoder.class), audit, tx,
                    new TokenCache(java.time.Duration.ZERO, () -> false));

    private final Account onlyAdmin = new Account(1, "admin", "Administrator", Role.ADMIN, true, Instant.now());

    @BeforeEach
    void passThroughTransactions() {
        given(tx.transactional(any(Mono.class))).willAnswer(call -> call.getArgument(0));
        given(tx.transactional(any(Flux.class))).willAnswer(call -> call.getArgument(0));
        given(audit.record(any(), anyString(), any(), any(), any())).willReturn(Mono.empty());
    }

    @Test
    void theLastEnabledAdminCannotBeDemotedOrDisabled() {
        given(repository.findById(1)).willReturn(Mono.just(onlyAdmin));
        given(repository.countEnabledAdmins()).willReturn(Mono.just(1L));

        assertThatThrownBy(() -> service.update(1, new AccountService.AccountChange(null, "REP", null), "admin", null)
                        .block())
                .isInstanceOf(BatonException.Conflict.class)
                .hasMessage("Baton needs at least one enabled admin; make another admin first");
        assertThatThrownBy(() -> service.update(1, new AccountService.AccountChange(null, null, false), "admin", null)
                        .block())
                .isInstanceOf(BatonException.Conflict.class);
        then(repository).should(never()).update(anyLong(), anyString(), any(), anyBoolean());
    }

    @Test
    void anAdminCanBeDemotedWhileAnotherAdminRemains() {
        given(repository.findById(1)).willReturn(Mono.just(onlyAdmin));
        given(repository.countEnabledAdmins()).willReturn(Mono.just(2L));
        Account demoted = new Account(1, "admin", "Administrator", Role.REP, true, onlyAdmin.createdAt());
        given(repository.update(1, "Administrator", Role.REP, true)).willReturn(Mono.just(demoted));

        Account result = service.update(1, new AccountService.AccountChange(null, "rep", null), "root", "10.0.0.1")
                .block();

        assertThat(result.role()).isEqualTo(Role.REP);
        then(audit).should().record("root", "account.updated", "admin", "role ADMIN->REP", "10.0.0.1");
    }

    @Test
    void userNamesAreLowerCasedAndCheckedForShape() {
        assertThat(AccountService.normaliseUsername("  Dana.Rep@Example ")).isEqualTo("dana.rep@example");
        assertThatThrownBy(() -> AccountService.normaliseUsername("../etc"))
                .isInstanceOf(BatonException.InvalidInput.class)
                .hasMessageStartingWith("username: ");
        assertThatThrownBy(() -> AccountService.normaliseUsername("a"))
                .isInstanceOf(BatonException.InvalidInput.class);
    }

    @Test
    void passwordsMustBeLongEnoughButNotAbsurdlyLong() {
        assertThatThrownBy(() -> AccountService.checkPassword("short"))
                .hasMessage("password: use at least 10 characters");
        assertThatThrownBy(() -> AccountService.checkPassword("x".repeat(129)))
                .hasMessage("password: use at most 128 characters");
        AccountService.checkPassword("exactly-10");
    }

    @Test
    void anUnknownRoleIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> service.create(
                        new AccountService.NewAccount("someone", null, "long-enough-pw", "CEO"), "admin", null))
                .hasMessage("role: must be one of REP, MARKETER, TRAINER, ADMIN");
    }
}
