package dev.baton.webapp.system;

import dev.baton.indexer.IndexHome;
import dev.baton.indexer.IndexSettings;
import dev.baton.indexer.LuceneIndex;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The local search index under {@code data/index}, one directory per schema version. */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

    /** Raised whenever the indexed fields or their analysis change; a new version is built from the database. */
    static final int SCHEMA_VERSION = 1;

    private static final Logger log = LoggerFactory.getLogger(IndexConfiguration.class);

    @Bean(destroyMethod = "close")
    LuceneIndex searchIndex(DataDirectory dataDirectory) throws IOException {
        LuceneIndex index = IndexHome.open(IndexSettings.defaults(dataDirectory.directory("index"), SCHEMA_VERSION));
        log.info("Search index at {} (schema {}, outbox position {})", index.path(), SCHEMA_VERSION,
                index.lastCommittedPosition());
        return index;
    }
}
