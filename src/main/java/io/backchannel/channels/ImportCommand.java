package io.backchannel.channels;

import io.backchannel.channels.internal.imports.ImportJobs;
import io.backchannel.channels.internal.imports.ImportTally;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;

/**
 * {@code java -jar backchannel.jar import <file> [--account NAME]}: imports a platform's data download into the
 * archive from the command line, with the application's database and archive (its web server only on a free loopback port). Prints progress and the
 * counts; exit code 0 when the import finished, 1 when it failed, 2 when the command itself is wrong.
 */
public final class ImportCommand {

    private ImportCommand() {}

    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("import");
    }

    public static int run(String[] args, Class<?> application, PrintStream out, PrintStream err) {
        Path file = null;
        String account = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--account") && i + 1 < args.length) {
                account = args[++i];
            } else if (file == null && !args[i].startsWith("--")) {
                file = Path.of(args[i]);
            } else {
                return usage(err);
            }
        }
        if (file == null) {
            return usage(err);
        }
        if (!Files.isRegularFile(file)) {
            err.println("Cannot read " + file.toAbsolutePath());
            return 2;
        }
        SpringApplication app = new SpringApplication(application);
        app.setBannerMode(Banner.Mode.OFF);
        // The application's pages need a servlet context to start; the server listens on a free loopback port only.
        try (ConfigurableApplicationContext context = app.run("--server.port=0", "--server.address=127.0.0.1")) {
            MessageSource messages = context.getBean(MessageSource.class);
            long[] shown = {-1};
            long started = System.nanoTime();
            ImportJobs.Job job = context.getBean(ImportJobs.class)
                    .runNow(file, account, "command line", tally -> progress(tally, shown, out));
            long millis = (System.nanoTime() - started) / 1_000_000;
            out.println();
            out.printf(
                    "%s in %d ms: %s %s, imported %d, already held %d, new versions %d, rejected %d, deleted at source"
                            + " %d%n",
                    job.state(),
                    millis,
                    job.platform(),
                    job.account(),
                    job.imported(),
                    job.alreadyHeld(),
                    job.newVersions(),
                    job.rejected(),
                    job.deletedAtSource());
            for (ImportTally.Rejection rejection :
                    context.getBean(ImportJobs.class).rejections(job.id())) {
                out.println("  rejected " + rejection.where() + ": "
                        + text(
                                messages,
                                rejection.reasonKey(),
                                rejection.arguments().toArray()));
            }
            if (job.failureKey() != null) {
                err.println(
                        text(messages, job.failureKey(), job.failureArguments().toArray()));
            }
            return job.state() == ImportJobs.State.DONE ? 0 : 1;
        }
    }

    private static void progress(ImportTally tally, long[] shown, PrintStream out) {
        long percent = tally.bytesTotal() <= 0 ? 0 : Math.min(100, tally.bytesRead() * 100 / tally.bytesTotal());
        if (percent != shown[0]) {
            shown[0] = percent;
            out.printf(
                    "\rImporting: %3d %% (%d MB), %d imported",
                    percent, tally.bytesRead() >> 20, tally.total().imported());
        }
    }

    private static String text(MessageSource messages, String key, Object @Nullable [] arguments) {
        return messages.getMessage(key, arguments, key, Locale.ENGLISH);
    }

    private static int usage(PrintStream err) {
        err.println("Usage: java -jar backchannel.jar import <export.zip | file> [--account NAME]");
        return 2;
    }
}
