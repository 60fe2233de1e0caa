package io.backchannel.archive.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A database of its own in the test's PostgreSQL, for archives wired by hand (StandaloneArchive) whose chain must not
 * meet the other tests' archive. On an external server the role needs CREATEDB (.ci/run grants it); a child process
 * takes the credentials from the same environment variables as the application. Closing drops it again, or the role
 * that owns it (CI's, on an external server) could not be dropped by the next run.
 */
final class OwnDatabase implements AutoCloseable {

    private final DataSource server;
    private final String name;
    private final String url;

    private OwnDatabase(DataSource server, String name, String url) {
        this.server = server;
        this.name = name;
        this.url = url;
    }

    static OwnDatabase create(DataSource server, String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server.getConnection();
                var create = connection.createStatement()) {
            create.execute("create database " + name);
            String url = connection.getMetaData().getURL().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
            return new OwnDatabase(server, name, url);
        }
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = server.getConnection();
                var drop = connection.createStatement()) {
            drop.execute("drop database if exists " + name + " with (force)");
        }
    }
}
