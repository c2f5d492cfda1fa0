package dev.baton.webapp.system;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: an external PostgreSQL when {@code baton.db.url} is set, otherwise an embedded one under the data
 * directory. Flyway migrates over JDBC once, before the R2DBC pool that serves requests is handed out; no JDBC
 * {@code DataSource} bean exists, so nothing else talks JDBC.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    DataDirectory dataDirectory(BatonProperties properties) {
        return DataDirectory.open(properties.dataDir());
    }

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(BatonProperties properties, DataDirectory dataDirectory) {
        BatonProperties.Db db = properties.db();
        if (db.external()) {
            DatabaseEndpoint endpoint = DatabaseEndpoint.parse(db.url(), db.user(), db.password());
            log.info("Using the external database {}", endpoint);
            return new DatabaseServer(endpoint, null);
        }
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(dataDirectory.root());
        DatabaseEndpoint endpoint = DatabaseEndpoint.parse(embedded.jdbcUrl(), "postgres", embedded.password());
        log.info("Started the embedded PostgreSQL on 127.0.0.1:{} ({})", embedded.port(), dataDirectory.root());
        return new DatabaseServer(endpoint, embedded);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(DatabaseServer server, BatonProperties properties) {
        DatabaseEndpoint endpoint = server.endpoint();
        migrate(endpoint);
        PostgresqlConnectionConfiguration.Builder config = PostgresqlConnectionConfiguration.builder()
                .host(endpoint.host())
                .port(endpoint.port())
                .database(endpoint.database())
                .username(endpoint.user())
                .password(endpoint.password())
                .applicationName("baton")
                .connectTimeout(Duration.ofSeconds(10));
        String sslMode = endpoint.options().get("sslmode");
        if (sslMode != null) {
            config.sslMode(SSLMode.fromValue(sslMode));
        }
        ConnectionFactory factory = new PostgresqlConnectionFactory(config.build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .name("baton")
                .initialSize(1)
                .maxSize(properties.db().poolSize())
                .maxIdleTime(Duration.ofMinutes(10))
                .maxAcquireTime(Duration.ofSeconds(15))
                // a local check (the socket is open) before a connection is handed out: a query here would double the
                // round trips of every statement Baton runs; a connection the server closed fails the local check
                .validationDepth(ValidationDepth.LOCAL)
                .build());
    }

    private static void migrate(DatabaseEndpoint endpoint) {
        var result = Flyway.configure()
                .dataSource(endpoint.jdbcUrl(), endpoint.user(), endpoint.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        log.info("Database schema at version {} ({} migrations applied now)", result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    /** The database in use and, when Baton started it, the embedded server to stop on shutdown. */
    record DatabaseServer(DatabaseEndpoint endpoint, EmbeddedPostgresServer embedded) implements AutoCloseable {

        boolean isEmbedded() {
            return embedded != null;
        }

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
                log.info("Stopped the embedded PostgreSQL");
            }
        }
    }
}
