package dev.baton.webapp;

import dev.baton.webapp.accounts.Account;
import dev.baton.webapp.accounts.AccountService;
import dev.baton.webapp.system.BatonException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.boot.test.context.TestComponent;
import reactor.core.publisher.Mono;

/** Creates test accounts through the real service, once per name. */
@TestComponent
public class TestUsers {

    public static final String PASSWORD = "correct-horse-battery";

    private final AccountService accounts;
    private final ConcurrentMap<String, Account> created = new ConcurrentHashMap<>();

    TestUsers(AccountService accounts) {
        this.accounts = accounts;
    }

    /** An enabled account with the given role and {@link #PASSWORD}. */
    public Account user(String username, String role) {
        return created.computeIfAbsent(username, name -> accounts
                .create(new AccountService.NewAccount(name, name + " Example", PASSWORD, role), "test", null)
                .onErrorResume(BatonException.Conflict.class, e -> accounts.list()
                        .filter(a -> a.username().equals(name))
                        .next())
                .switchIfEmpty(Mono.error(new IllegalStateException("no user " + name)))
                .block());
    }
}
