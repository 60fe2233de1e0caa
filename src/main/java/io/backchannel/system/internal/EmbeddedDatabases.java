package io.backchannel.system.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded PostgreSQL servers of this JVM, one per data directory, started at most once and stopped when the last
 * application context using it closes; a throw-away server's directory goes with it. Starting is asynchronous so the
 * server boots while Spring builds its context.
 */
final class EmbeddedDatabases {

    static final String DATABASE = "backchannel";
    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabases.class);
    private static final Map<Path, Server> servers = new HashMap<>();

    private EmbeddedDatabases() {}

    /**
     * Starts the server for the directory in the background, unless it is already starting or running. A durable
     * server flushes every commit to disk before acknowledging it.
     */
    static synchronized void prepare(Path dataDirectory, boolean durable) {
        servers.computeIfAbsent(
                dataDirectory.toAbsolutePath().normalize(),
                dir -> new Server(CompletableFuture.supplyAsync(() -> start(dir, durable)), durable));
    }

    /** Waits for the server of the directory, counting one more user of it. */
    static String acquireJdbcUrl(Path dataDirectory, boolean durable) {
        Server server;
        synchronized (EmbeddedDatabases.class) {
            prepare(dataDirectory, durable);
            server = servers.get(dataDirectory.toAbsolutePath().normalize());
            server.users++;
        }
        try {
            return server.postgres.join().getJdbcUrl(USER, DATABASE);
        } catch (CompletionException e) {
            release(dataDirectory);
            throw new IllegalStateException(
                    "The embedded PostgreSQL could not start in " + dataDirectory, e.getCause());
        }
    }

    static synchronized void release(Path dataDirectory) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        Server server = servers.get(dir);
        if (server == null || --server.users > 0) {
            return;
        }
        servers.remove(dir);
        try {
            server.postgres.join().close();
        } catch (IOException | CompletionException e) {
            log.warn("Embedded PostgreSQL in {} did not stop cleanly: {}", dir, e.getMessage());
        }
        if (!server.durable) {
            // A throw-away database (tests) is not needed once its server stopped: hundreds of runs left a gigabyte.
            try {
                FileSystemUtils.deleteRecursively(dir);
            } catch (IOException e) {
                log.warn("Could not remove the throw-away database in {}: {}", dir, e.getMessage());
            }
        }
    }

    private static EmbeddedPostgres start(Path dataDirectory, boolean durable) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // Stopped by the last context using it (EmbeddedDatabaseLease), after the pool is closed.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "64MB")
                    // The library starts its servers for tests: with -F (no fsync) and synchronous_commit off. A
                    // later -c wins over -F, so a kept database gets PostgreSQL's own defaults back, and a commit
                    // acknowledged to a user survives a power loss.
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .start();
            createDatabaseIfMissing(postgres);
            log.info(
                    "Embedded PostgreSQL ready on port {} with data in {} ({} ms)",
                    postgres.getPort(),
                    dataDirectory,
                    (System.nanoTime() - started) / 1_000_000);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
        try (var connection = DriverManager.getConnection(postgres.getJdbcUrl(USER, "postgres"));
                var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, DATABASE);
            if (!check.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
                }
            }
        } catch (SQLException e) {
            throw new IOException("Could not create the database " + DATABASE, e);
        }
    }

    private static final class Server {
        final CompletableFuture<EmbeddedPostgres> postgres;
        final boolean durable;
        int users;

        Server(CompletableFuture<EmbeddedPostgres> postgres, boolean durable) {
            this.postgres = postgres;
            this.durable = durable;
        }
    }
}
