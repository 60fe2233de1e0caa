package io.backchannel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * One fresh scratch directory per test run ({@code backchannel.test.run-dir}), shared by every application context of
 * the run (the archive's chain, the connectors' key) and removed when the run ends. Directories named after the
 * process id outlived their run, and a later run that got the same id found another run's archive, signed with
 * another key. Registered in {@code META-INF/services}.
 */
public final class TestRunDirectories implements LauncherSessionListener {

    static final String PROPERTY = "backchannel.test.run-dir";

    private Path directory;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            directory = Files.createTempDirectory("backchannel-test-run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(PROPERTY, directory.toString());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A scratch directory left behind in the system's temporary directory harms no later run.
        }
    }
}
