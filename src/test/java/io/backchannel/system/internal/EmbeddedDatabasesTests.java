package io.backchannel.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server of an installation keeps what it acknowledged through a power loss; the library it comes from
 * turns that off for tests.
 */
class EmbeddedDatabasesTests {

    @Test
    void aKeptDatabaseFlushesEveryCommitAndAThrowAwayOneDoesNot(@TempDir Path kept, @TempDir Path throwAway)
            throws SQLException {
        assertThat(settings(kept, true)).isEqualTo("fsync=on synchronous_commit=on");
        assertThat(settings(throwAway, false)).isEqualTo("fsync=off synchronous_commit=off");

        // Once stopped, a kept database stays where it is, and a throw-away one leaves nothing behind.
        assertThat(kept.resolve("PG_VERSION")).isRegularFile();
        assertThat(throwAway).doesNotExist();
    }

    private static String settings(Path directory, boolean durable) throws SQLException {
        String url = EmbeddedDatabases.acquireJdbcUrl(directory, durable);
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "select current_setting('fsync'), current_setting('synchronous_commit')")) {
            rows.next();
            return "fsync=" + rows.getString(1) + " synchronous_commit=" + rows.getString(2);
        } finally {
            EmbeddedDatabases.release(directory);
        }
    }
}
