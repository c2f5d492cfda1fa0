package dev.baton.webapp.accounts;

import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.BatonProperties;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * On the first start (no account at all) creates the account {@code admin}: its password is
 * {@code BATON_ADMIN_PASSWORD} when set, otherwise a random one printed once to the log.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AccountService accounts;
    private final BatonProperties properties;

    AdminBootstrap(AccountService accounts, BatonProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        long existing = accounts.count().blockOptional().orElse(0L);
        if (existing > 0) {
            return;
        }
        boolean given = StringUtils.hasText(properties.adminPassword());
        String password = given ? properties.adminPassword() : randomPassword();
        try {
            accounts.create(new AccountService.NewAccount("admin", "Administrator", password, "ADMIN"), "system", null)
                    .block();
        } catch (BatonException.Conflict e) {
            // another node on the same database made it first
            log.info("The admin account already exists");
            return;
        }
        if (given) {
            log.info("Created the admin account 'admin' with the password from BATON_ADMIN_PASSWORD");
        } else {
            log.warn("Created the admin account 'admin' with the password: {}  (shown once; change it or set "
                    + "BATON_ADMIN_PASSWORD before the first start)", password);
        }
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
