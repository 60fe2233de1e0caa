package io.backchannel.channels.internal.imports;

import io.backchannel.archive.ArchiveManagement;
import io.backchannel.archive.Capture;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads one upload, already on disk, into the archive: finds the format that recognises it, refuses what is unsafe
 * (paths that climb out, nested archives, zip bombs counted while reading rather than trusted from the headers), and
 * streams each file to the format's reader. What was read before a problem stays archived and counted; on a complete
 * re-import, items of the account that are no longer in the export are marked deleted at source.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final Pattern UNSAFE = Pattern.compile("(^|/)\\.\\.(/|$)|^/|^[A-Za-z]:|\\\\|\\x00");
    private static final Pattern NESTED =
            Pattern.compile(".*\\.(zip|jar|war|tar|tgz|gz|bz2|xz|7z|rar|zst)$", Pattern.CASE_INSENSITIVE);
    /** Small files compress very well for good reasons; the expansion ratio counts only past this size. */
    private static final long RATIO_FROM = 1024 * 1024;

    private final List<ExportFormat> formats;
    private final ArchiveManagement archive;
    private final ImportSettings settings;

    ImportRunner(List<ExportFormat> formats, ArchiveManagement archive, ImportSettings settings) {
        this.formats = formats;
        this.archive = archive;
        this.settings = settings;
    }

    /** Told now and then how far the import is. */
    interface Progress {
        void update(ImportTally tally);
    }

    /** Why an import stopped as a whole: a message key and its arguments. */
    static final class Stopped extends RuntimeException {
        private final String messageKey;
        private final Object[] arguments;

        Stopped(String messageKey, Object... arguments) {
            super(messageKey);
            this.messageKey = messageKey;
            this.arguments = arguments;
        }

        String messageKey() {
            return messageKey;
        }

        Object[] arguments() {
            return arguments;
        }
    }

    /**
     * Imports the upload; a {@link Stopped} says why the upload as a whole could not be read (nothing recognised, a
     * limit reached), after whatever was read before it was archived and counted in {@code tally}.
     */
    void run(Path upload, String fileName, @Nullable String account, ImportTally tally, Progress progress) {
        if (isZip(upload)) {
            try (ZipFile zip = new ZipFile(upload.toFile())) {
                runZip(zip, account, tally, progress);
            } catch (ZipException e) {
                throw new Stopped("channels.import.broken-zip", e.getMessage());
            } catch (IOException e) {
                throw new Stopped("channels.import.unreadable", e.getMessage());
            }
        } else {
            runSingle(upload, baseName(fileName), account, tally, progress);
        }
    }

    private void runZip(ZipFile zip, @Nullable String account, ImportTally tally, Progress progress)
            throws IOException {
        if (zip.size() > settings.maxEntries()) {
            throw new Stopped("channels.import.too-many-entries", zip.size(), settings.maxEntries());
        }
        List<ZipEntry> entries = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        var all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            String name = entry.getName();
            if (UNSAFE.matcher(name).find()) {
                tally.rejected(name, clean(name), "channels.import.unsafe-path");
            } else if (!entry.isDirectory() && NESTED.matcher(name).matches()) {
                tally.rejected(name, name, "channels.import.nested-archive");
            } else if (!entry.isDirectory()) {
                entries.add(entry);
                paths.add(name);
            }
        }
        ExportFormat format = recognise(paths);
        Session session = new Session(format, account, tally, progress);
        record Ordered(ZipEntry entry, int order) {}
        List<Ordered> ordered = new ArrayList<>();
        long expected = 0;
        for (ZipEntry entry : entries) {
            int order = session.reader.order(entry.getName());
            if (order >= 0) {
                ordered.add(new Ordered(entry, order));
                expected += Math.max(0, entry.getSize());
            }
        }
        ordered.sort(Comparator.comparingInt(Ordered::order));
        tally.expect(expected);
        for (Ordered item : ordered) {
            ZipEntry entry = item.entry();
            try (InputStream in = session.counted(zip.getInputStream(entry), entry.getCompressedSize())) {
                session.read(entry.getName(), in);
            }
        }
        session.finish();
    }

    private void runSingle(Path upload, String name, @Nullable String account, ImportTally tally, Progress progress) {
        ExportFormat format = recognise(List.of(name));
        Session session = new Session(format, account, tally, progress);
        if (session.reader.order(name) < 0) {
            throw new Stopped("channels.import.unknown-format");
        }
        try {
            tally.expect(Files.size(upload));
            try (InputStream in = session.counted(Files.newInputStream(upload), -1)) {
                session.read(name, in);
            }
        } catch (IOException e) {
            throw new Stopped("channels.import.unreadable", e.getMessage());
        }
        session.finish();
    }

    private ExportFormat recognise(List<String> paths) {
        return formats.stream()
                .filter(format -> format.recognises(paths))
                .findFirst()
                .orElseThrow(() -> new Stopped("channels.import.unknown-format"));
    }

    /** One upload being read: the reader, the sink it fills, the batches and the ids it saw. */
    private final class Session implements ImportSink {
        private final ExportFormat format;
        private final ExportReader reader;
        private final @Nullable String account;
        private final ImportTally tally;
        private final Progress progress;
        private final ArchiveBatches batches;
        private final Set<String> seen = new HashSet<>();
        private final Instant collectedAt = Instant.now();
        private String file = "";
        private @Nullable String seenAccount;
        private boolean complete = true;
        private @Nullable Stopped limit;
        private boolean tooExpanded;
        private long reported;

        Session(ExportFormat format, @Nullable String account, ImportTally tally, Progress progress) {
            this.format = format;
            this.account = account == null || account.isBlank() ? null : account.strip();
            this.tally = tally;
            this.progress = progress;
            this.batches = new ArchiveBatches(archive, tally, settings.batchSize());
            this.reader = format.reader(this);
            if (this.account != null) {
                tally.identified(format.platform(), this.account);
            }
        }

        void read(String path, InputStream in) {
            file = path;
            try {
                reader.read(path, in);
            } catch (IOException | RuntimeException e) {
                // Readers may wrap what the stream threw; the flags below say what really happened.
                if (limit == null && !tooExpanded) {
                    // The reader could not go on with this file (truncated, malformed); what it read before stays.
                    complete = false;
                    log.info("Import: {} could not be read to its end: {}", path, e.toString());
                    tally.rejected(path, path, "channels.import.file-unreadable", String.valueOf(e.getMessage()));
                }
            }
            if (limit != null) {
                batches.flush();
                throw limit;
            }
            if (tooExpanded) {
                tooExpanded = false;
                complete = false;
                tally.rejected(path, path, "channels.import.expansion-ratio", settings.maxRatio());
            }
        }

        void finish() {
            file = "";
            reader.finish();
            batches.flush();
            String held = account != null ? account : seenAccount;
            if (complete && held != null && !seen.isEmpty()) {
                markVanished(held);
            }
            progress.update(tally);
        }

        /** Items the archive holds from earlier imports of this account that this export no longer has. */
        private void markVanished(String held) {
            List<String> vanished = new ArrayList<>();
            archive.heldSourceIds(format.platform(), held, id -> {
                if (!seen.contains(id)) {
                    vanished.add(id);
                }
            });
            int marked = 0;
            for (String id : vanished) {
                if (archive.markDeletedAtSource(format.platform(), id, collectedAt, "import")) {
                    marked++;
                }
            }
            tally.deletedAtSource(marked);
        }

        @Override
        public void capture(Capture capture) {
            String owner = account != null ? account : capture.account().isBlank() ? "unknown" : capture.account();
            if (account == null && !capture.account().isBlank() && seenAccount == null) {
                seenAccount = capture.account();
                tally.identified(format.platform(), seenAccount);
            }
            seen.add(capture.sourceId());
            Capture owned = owner.equals(capture.account()) ? capture : capture.withOwner(owner);
            if (batches.add(file.isEmpty() ? capture.collectedFrom() : file, owned)) {
                progress.update(tally);
            }
        }

        @Override
        public void reject(String where, String reasonKey, Object... arguments) {
            tally.rejected(file.isEmpty() ? where : file, where, reasonKey, arguments);
        }

        /** Counts the bytes as they are read: the limits hold whatever the ZIP's headers claim. */
        InputStream counted(InputStream in, long compressed) {
            return new FilterInputStream(in) {
                private long entry;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        entry += n;
                        tally.read(n);
                        if (tally.bytesRead() > settings.maxTotal()) {
                            limit = new Stopped("channels.import.too-large-expanded", settings.maxTotal());
                            throw new IOException("total size limit");
                        }
                        if (compressed >= 0
                                && entry > RATIO_FROM
                                && entry > settings.maxRatio() * Math.max(1, compressed)) {
                            tooExpanded = true;
                            throw new IOException("expansion ratio limit");
                        }
                        if (tally.bytesRead() - reported > 4 * 1024 * 1024) {
                            reported = tally.bytesRead();
                            progress.update(tally);
                        }
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    byte[] buffer = new byte[(int) Math.min(n, 8192)];
                    int read = read(buffer, 0, buffer.length);
                    return Math.max(0, read);
                }
            };
        }
    }

    private static boolean isZip(Path upload) {
        try (InputStream in = Files.newInputStream(upload)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && (magic[2] == 3 || magic[2] == 5);
        } catch (IOException e) {
            throw new Stopped("channels.import.unreadable", e.getMessage());
        }
    }

    private static String baseName(String fileName) {
        String name = fileName.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    private static String clean(String name) {
        return name.replaceAll("[\\x00-\\x1f]", "?");
    }
}
