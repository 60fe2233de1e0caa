package io.backchannel.archive.internal;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The append-only WARC files. Each write is forced to disk before it returns, so a record the database names is
 * always on disk. Callers hold the archive's write lock; this class does no locking of its own.
 */
@Component
class WarcStore {

    private static final Logger log = LoggerFactory.getLogger(WarcStore.class);

    record Location(String file, long offset, long length) {

        long end() {
            return offset + length;
        }
    }

    private final ArchiveSettings settings;
    private @Nullable FileChannel channel;
    private @Nullable String currentFile;
    /** What the file system called the open file when it was opened (device and inode on Linux). */
    private @Nullable Object openedKey;

    WarcStore(ArchiveSettings settings) {
        this.settings = settings;
    }

    /** {@link #write} and {@link #force}: the records are on disk when it returns. */
    List<Location> append(List<byte[]> records, @Nullable Location lastAcknowledged) {
        List<Location> written = write(records, lastAcknowledged);
        force();
        return written;
    }

    /**
     * Writes the records one after another right after the last acknowledged record (not after whatever the file
     * holds), so bytes a failed or crashed write left behind are overwritten rather than followed; each file's share
     * of them in one system call. Forces every file the batch fills to disk, but not the one it ends in: that is
     * {@link #force}'s, which must return before any of the records is acknowledged.
     */
    List<Location> write(List<byte[]> records, @Nullable Location lastAcknowledged) {
        List<Location> written = new ArrayList<>(records.size());
        List<ByteBuffer> pending = new ArrayList<>(records.size());
        try {
            closeIfReplaced();
            Location last = lastAcknowledged;
            for (byte[] bytes : records) {
                if (!pending.isEmpty() && Objects.requireNonNull(last).end() + bytes.length > settings.maxFileSize()) {
                    // The record goes into a new file: what is pending belongs to the one it fills.
                    writeOut(
                            pending,
                            written.get(written.size() - pending.size()).offset());
                }
                long offset = place(bytes.length, last);
                last = new Location(Objects.requireNonNull(currentFile), offset, bytes.length);
                written.add(last);
                pending.add(ByteBuffer.wrap(bytes));
            }
            if (!pending.isEmpty()) {
                writeOut(pending, written.get(written.size() - pending.size()).offset());
            }
            return written;
        } catch (IOException e) {
            if (!written.isEmpty()) {
                try {
                    takeBack(written);
                } catch (UncheckedIOException again) {
                    e.addSuppressed(again);
                }
            }
            throw new UncheckedIOException("Could not write to the archive in " + settings.directory(), e);
        }
    }

    /**
     * An erasure on another node moves a new file over the one this node holds open. Writing on through the old handle
     * would put acknowledged records into the unlinked file, where nobody finds them, so each write first makes sure
     * the open file is still the one its name leads to.
     */
    private void closeIfReplaced() throws IOException {
        if (channel != null) {
            Object now = fileKey(path(Objects.requireNonNull(currentFile)));
            if (now == null || !now.equals(openedKey)) {
                close();
            }
        }
    }

    /** The file's identity, or null where the file is gone or the file system has none. */
    private static @Nullable Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes records that follow each other at {@code offset} of the current file, cutting off what lies there. */
    private void writeOut(List<ByteBuffer> records, long offset) throws IOException {
        FileChannel out = Objects.requireNonNull(channel);
        if (out.size() > offset) {
            out.truncate(offset);
        }
        out.position(offset);
        ByteBuffer[] buffers = records.toArray(ByteBuffer[]::new);
        long remaining = 0;
        for (ByteBuffer buffer : buffers) {
            remaining += buffer.remaining();
        }
        while (remaining > 0) {
            remaining -= out.write(buffers);
        }
        records.clear();
    }

    /** Forces what {@link #write} wrote to the file it ended in to disk. */
    void force() {
        try {
            if (channel != null) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not force the archive in " + settings.directory() + " to disk", e);
        }
    }

    /**
     * Takes back writes whose database rows did not commit, so that no unacknowledged record stays in the files: each
     * file the batch wrote to is cut where the batch began in it.
     */
    void takeBack(List<Location> locations) {
        Map<String, Long> starts = new TreeMap<>();
        locations.forEach(location -> starts.merge(location.file(), location.offset(), Math::min));
        try {
            for (Map.Entry<String, Long> start : starts.entrySet()) {
                if (start.getKey().equals(currentFile) && channel != null) {
                    channel.truncate(start.getValue());
                    channel.force(true);
                } else {
                    try (FileChannel file = FileChannel.open(path(start.getKey()), StandardOpenOption.WRITE)) {
                        file.truncate(start.getValue());
                        file.force(true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored bytes of one record (one gzip member), exactly as written. */
    byte[] read(Location location) throws IOException {
        try (FileChannel in = FileChannel.open(path(location.file()), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) location.length());
            while (buffer.hasRemaining() && in.read(buffer, location.offset() + buffer.position()) > 0) {
                // Reads the whole member; a file cut short ends the loop with the buffer part-filled.
            }
            return buffer.array();
        }
    }

    /**
     * Puts {@code replacement} where the record at {@code old} was, for an erasure: the file is written anew beside
     * the old one, forced, and moved over it in one step, so a crash leaves either the old file or the new one.
     */
    void replace(Location old, byte[] replacement) throws IOException {
        close();
        Path file = path(old.file());
        Path next = file.resolveSibling(file.getFileName() + ".erasing");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(
                        next,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            copy(in, out, 0, old.offset());
            ByteBuffer buffer = ByteBuffer.wrap(replacement);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            copy(in, out, old.end(), in.size() - old.end());
            out.force(true);
        }
        Files.move(
                next,
                file,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }

    private static void copy(FileChannel in, FileChannel out, long from, long count) throws IOException {
        long done = 0;
        while (done < count) {
            done += in.transferTo(from + done, count - done, out);
        }
    }

    Path path(String file) {
        return settings.directory().resolve(file);
    }

    /**
     * Brings the files in line with the database after a crash: bytes after the last acknowledged record (a
     * half-written record, or a whole one whose row never committed) are moved to a side file beside the WARC and
     * cut off, and so are whole files the database does not know. Nothing acknowledged is ever touched.
     */
    void recover(@Nullable Location lastAcknowledged) {
        try {
            close();
            Files.createDirectories(settings.directory());
            for (Path file : StoreVerifier.files(settings.directory())) {
                String name = file.getFileName().toString();
                if (lastAcknowledged == null || name.compareTo(lastAcknowledged.file()) > 0) {
                    Path aside = file.resolveSibling(
                            name + ".unacknowledged-" + Instant.now().toEpochMilli());
                    Files.move(file, aside);
                    log.warn("Archive: {} holds no acknowledged record; moved it to {}", name, aside.getFileName());
                } else if (name.equals(lastAcknowledged.file())) {
                    cutTail(file, lastAcknowledged.end());
                }
            }
            currentFile = lastAcknowledged == null ? null : lastAcknowledged.file();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not recover the archive in " + settings.directory(), e);
        }
    }

    private static void cutTail(Path file, long end) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = in.size();
            if (size < end) {
                log.error(
                        "Archive: {} is shorter ({} bytes) than its last acknowledged record ends ({})",
                        file,
                        size,
                        end);
            } else if (size > end) {
                Path aside = file.resolveSibling(
                        file.getFileName() + ".tail-" + Instant.now().toEpochMilli());
                try (FileChannel out =
                        FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    in.transferTo(end, size - end, out);
                    out.force(true);
                }
                in.truncate(end);
                in.force(true);
                log.warn("Archive: cut {} unacknowledged bytes off {}; kept them in {}", size - end, file, aside);
            }
        }
    }

    /**
     * Opens the file the next record goes into and returns where in it: after the last acknowledged record, or at the
     * start of a new file when that one would grow past the size limit.
     */
    private long place(int bytes, @Nullable Location lastAcknowledged) throws IOException {
        if (lastAcknowledged != null && !lastAcknowledged.file().equals(currentFile)) {
            close();
            currentFile = lastAcknowledged.file();
        }
        long offset = lastAcknowledged == null ? 0 : lastAcknowledged.end();
        if (offset > 0 && offset + bytes > settings.maxFileSize()) {
            if (channel != null) {
                // The batch's single force at the end reaches only the file it ends in.
                channel.force(true);
            }
            close();
            currentFile = next(currentFile);
            offset = 0;
        }
        if (currentFile == null) {
            currentFile = next(null);
        }
        if (channel == null) {
            Files.createDirectories(settings.directory());
            boolean created = !Files.exists(path(currentFile));
            channel = FileChannel.open(
                    path(currentFile), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            openedKey = fileKey(path(currentFile));
            if (created) {
                syncDirectory();
            }
        }
        return offset;
    }

    private String next(@Nullable String file) throws IOException {
        List<Path> files = StoreVerifier.files(settings.directory());
        int number = files.isEmpty()
                ? 0
                : Integer.parseInt(files.getLast().getFileName().toString().replaceAll("\\D", ""));
        if (file != null) {
            number = Math.max(number, Integer.parseInt(file.replaceAll("\\D", "")));
        }
        return "archive-%06d%s".formatted(number + 1, StoreVerifier.SUFFIX);
    }

    /** A new file's name in its directory survives a crash only once the directory itself is forced. */
    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(settings.directory(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            log.debug("Archive: this file system cannot force a directory", e);
        }
    }

    @PreDestroy
    void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            openedKey = null;
        }
    }
}
