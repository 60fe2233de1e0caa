package io.backchannel.archive.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.unit.DataSize;

/**
 * The archive's real classes wired by hand, without the application around them, for a process that must start fast:
 * the crash test's ingest process and the archive benchmark. Migrates the database first.
 */
final class StandaloneArchive implements AutoCloseable {

    final HikariDataSource data;
    final JdbcClient jdbc;
    final ArchiveSettings settings;
    final LuceneArchiveIndex index;
    final Archive archive;
    final ArchiveRecords records;

    StandaloneArchive(String url, Path directory, DataSize maxFileSize, int checkpointEvery) throws IOException {
        this(url, directory, directory.resolve("index"), maxFileSize, checkpointEvery);
    }

    /** With the search index in a directory of its own, as on a node that shares the WARC files with others. */
    StandaloneArchive(String url, Path directory, Path indexDirectory, DataSize maxFileSize, int checkpointEvery)
            throws IOException {
        data = new HikariDataSource();
        data.setJdbcUrl(url);
        // An external server's credentials, as the application reads them (the embedded server's URL names its user).
        String user = System.getenv("BACKCHANNEL_DATABASE_USER");
        if (user != null && !user.isBlank()) {
            data.setUsername(user);
            data.setPassword(System.getenv("BACKCHANNEL_DATABASE_PASSWORD"));
        }
        data.setMaximumPoolSize(8);
        Flyway.configure()
                .dataSource(data)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(data);
        settings =
                new ArchiveSettings(directory, indexDirectory, maxFileSize, DataSize.ofMegabytes(5), checkpointEvery);
        SigningKey key = new SigningKey(jdbc, settings);
        index = new LuceneArchiveIndex(settings);
        WarcStore store = new WarcStore(settings);
        archive = new Archive(
                jdbc,
                data,
                new DataSourceTransactionManager(data),
                store,
                new Checkpoints(jdbc, key, settings),
                index,
                settings,
                key);
        records = new ArchiveRecords(jdbc, index, store, key);
        archive.recover();
    }

    @Override
    public void close() throws IOException {
        index.close();
        data.close();
    }
}
