package io.backchannel.channels.internal.imports;

import io.backchannel.archive.CaptureOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What an import did so far: counts per file, the first rejections with their reasons, and how far it read. */
public final class ImportTally {

    /** Counts of one file of the upload. */
    public static final class FileCounts {
        int imported;
        int alreadyHeld;
        int newVersions;
        int rejected;

        public int imported() {
            return imported;
        }

        public int alreadyHeld() {
            return alreadyHeld;
        }

        public int newVersions() {
            return newVersions;
        }

        public int rejected() {
            return rejected;
        }
    }

    /** One refused record: {@code where} names it, {@code reasonKey} says why (a message key with its arguments). */
    public record Rejection(String where, String reasonKey, List<String> arguments) {}

    private final int keptRejections;
    private final Map<String, FileCounts> files = new LinkedHashMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final FileCounts total = new FileCounts();
    private int deletedAtSource;
    private @Nullable String platform;
    private @Nullable String account;
    private long bytesRead;
    private long bytesTotal;

    ImportTally(int keptRejections) {
        this.keptRejections = keptRejections;
    }

    void counted(String file, CaptureOutcome.Result result) {
        FileCounts counts = files.computeIfAbsent(file, f -> new FileCounts());
        switch (result) {
            case NEW -> {
                counts.imported++;
                total.imported++;
            }
            case ALREADY_HELD -> {
                counts.alreadyHeld++;
                total.alreadyHeld++;
            }
            case NEW_VERSION -> {
                counts.newVersions++;
                total.newVersions++;
            }
        }
    }

    void rejected(String file, String where, String reasonKey, Object... arguments) {
        files.computeIfAbsent(file, f -> new FileCounts()).rejected++;
        total.rejected++;
        if (rejections.size() < keptRejections) {
            List<String> texts = new ArrayList<>();
            for (Object argument : arguments) {
                texts.add(String.valueOf(argument));
            }
            rejections.add(new Rejection(where, reasonKey, List.copyOf(texts)));
        }
    }

    void deletedAtSource(int count) {
        deletedAtSource += count;
    }

    void identified(String platform, String account) {
        this.platform = platform;
        this.account = account;
    }

    void read(long bytes) {
        bytesRead += bytes;
    }

    void expect(long bytes) {
        bytesTotal = bytes;
    }

    public Map<String, FileCounts> files() {
        return files;
    }

    public FileCounts total() {
        return total;
    }

    public List<Rejection> rejections() {
        return rejections;
    }

    public int deletedAtSource() {
        return deletedAtSource;
    }

    public @Nullable String platform() {
        return platform;
    }

    public @Nullable String account() {
        return account;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long bytesTotal() {
        return bytesTotal;
    }
}
