package dev.baton.webapp.deals;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Deals for tests of other packages, written straight into the deal table (this package's own). Issue 13 builds the
 * deals API ({@code PUT /api/v1/deals/{crm}/{externalId}}) in parallel; once it is in, tests can make deals through
 * it instead.
 */
public final class TestDeals {

    private TestDeals() {}

    /** A new open deal owned by {@code ownerId}, made in Baton; emits its id. */
    public static long create(DatabaseClient db, long ownerId, String name, String accountName, String domain) {
        return db.sql("insert into deal (crm, external_id, name, account_name, account_domain, owner_id) "
                        + "values ('baton', :external, :name, :account, :domain, :owner) returning id")
                .bind("external", UUID.randomUUID().toString())
                .bind("name", name)
                .bind("account", accountName)
                .bind("domain", domain)
                .bind("owner", ownerId)
                .map(row -> row.get("id", Long.class))
                .one()
                .block();
    }
}
