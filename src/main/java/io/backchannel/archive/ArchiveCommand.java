package io.backchannel.archive;

import io.backchannel.archive.internal.BundleVerifier;
import io.backchannel.archive.internal.StoreVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code java -jar backchannel.jar archive verify [dir|package.wacz]}: checks an archive directory, or an evidence
 * package exported from it, without starting the application. Exit code 0 when every record and checkpoint verifies, 1 when something is altered, missing or out of
 * order (each named on its own line), 2 when the command itself is wrong or the directory cannot be read.
 */
public final class ArchiveCommand {

    private ArchiveCommand() {}

    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("archive");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 3 || !args[1].equals("verify")) {
            err.println("Usage: java -jar backchannel.jar archive verify [archive-dir | evidence.wacz]");
            err.println("  archive-dir defaults to $BACKCHANNEL_DATA_DIR/archive (./data/archive).");
            return 2;
        }
        Path directory = args.length == 3 ? Path.of(args[2]) : defaultDirectory();
        try {
            StoreVerifier.Report report = java.nio.file.Files.isRegularFile(directory)
                    ? BundleVerifier.verify(directory)
                    : StoreVerifier.verify(directory);
            (report.ok() ? out : err).print(report.text());
            return report.ok() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("Cannot verify " + directory.toAbsolutePath() + ": " + e.getMessage());
            return 2;
        }
    }

    private static Path defaultDirectory() {
        String archive = System.getenv("BACKCHANNEL_ARCHIVE_DIR");
        if (archive != null && !archive.isBlank()) {
            return Path.of(archive);
        }
        String data = Objects.requireNonNullElse(System.getenv("BACKCHANNEL_DATA_DIR"), "./data");
        return Path.of(data, "archive");
    }
}
