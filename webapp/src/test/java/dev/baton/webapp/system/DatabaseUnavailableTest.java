package dev.baton.webapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.storage.BlobStoreUnavailableException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** What counts as the database being away, in answers (503) and in the workers' log lines. */
class DatabaseUnavailableTest {

    @Test
    void aRefusedConnectionToTheDatabaseIsTheDatabaseBeingAway() {
        assertThat(DatabaseUnavailable.is(new DataAccessResourceFailureException("pool",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(DatabaseUnavailable.is(new ConnectException("Connection refused"))).isTrue();
    }

    @Test
    void aRefusedConnectionToTheObjectStoreIsNotTheDatabaseBeingAway() {
        BlobStoreUnavailableException store = new BlobStoreUnavailableException(
                "S3 store http://127.0.0.1:9000 bucket baton: read originals/x failed: no answer",
                new ConnectException("Failed to connect to /127.0.0.1:9000"));

        assertThat(DatabaseUnavailable.is(store)).isFalse();
        assertThat(DatabaseUnavailable.is(new IllegalStateException("import", store))).isFalse();
    }
}
