package io.backchannel.system.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/** Reads from the environment whether Backchannel runs its own PostgreSQL, and where it keeps the data. */
final class EmbeddedDatabaseSettings {

    private static final String TEMPORARY = "backchannel.embedded-database.temporary";
    private static volatile Path temporaryDirectory;

    private EmbeddedDatabaseSettings() {}

    /**
     * Whether the server's commits must survive a power loss: a kept database flushes each commit to disk, a test's
     * throw-away one does not need to.
     */
    static boolean isDurable(Environment environment) {
        return !environment.getProperty(TEMPORARY, Boolean.class, false);
    }

    static boolean isEmbedded(Environment environment) {
        return !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }

    /**
     * Where the embedded server keeps its files: {@code <data-dir>/postgres}, or, for tests, one temporary directory
     * per JVM so each test run starts from an empty database.
     */
    static Path dataDirectory(Environment environment) {
        if (!isDurable(environment)) {
            return temporaryDirectory();
        }
        return Path.of(environment.getProperty("backchannel.data-dir", "./data"))
                .resolve("postgres");
    }

    private static synchronized Path temporaryDirectory() {
        if (temporaryDirectory == null) {
            try {
                temporaryDirectory = Files.createTempDirectory("backchannel-test-pg");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return temporaryDirectory;
    }
}
