package io.backchannel.archive.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks an archive directory with nothing but its files: every record's content against its digest, every record's
 * headers and place against the hash chain, the positions for gaps, duplicates and wrong order, and every signed
 * checkpoint against the installation's public key. Names each problem by position, record, file and offset.
 */
public final class StoreVerifier {

    static final String CHECKPOINTS = "checkpoints.txt";
    static final String PUBLIC_KEY = "signing-key.pub";
    static final String SUFFIX = ".warc.gz";

    public enum Problem {
        ALTERED,
        MISSING,
        OUT_OF_ORDER,
        DUPLICATE,
        UNREADABLE,
        BAD_CHECKPOINT,
        BAD_TIMESTAMP
    }

    public record Finding(Problem problem, long position, String where, String detail) {

        @Override
        public String toString() {
            return problem + " " + (position > 0 ? "position " + position + " " : "") + where + ": " + detail;
        }
    }

    /** One record as found in a file, in file order. */
    public record Located(WarcFormat.Entry entry, String file, long offset, long length) {}

    public record Report(
            long records,
            long lastPosition,
            String lastLink,
            int checkpoints,
            @Nullable String keyFingerprint,
            List<Finding> findings,
            List<Located> located) {

        public boolean ok() {
            return findings.isEmpty();
        }

        public String text() {
            StringBuilder out = new StringBuilder();
            out.append(ok() ? "OK" : "FAILED")
                    .append(": ")
                    .append(records)
                    .append(" records, last position ")
                    .append(lastPosition)
                    .append(", ")
                    .append(checkpoints)
                    .append(" signed checkpoints");
            if (keyFingerprint != null) {
                out.append(", key SHA-256 ").append(keyFingerprint);
            }
            out.append('\n');
            findings.forEach(finding -> out.append(finding).append('\n'));
            return out.toString();
        }
    }

    private StoreVerifier() {}

    public static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Where the acknowledged records end when a check begins: the last one's position, its file and the offset after
     * it. Records written after that are not looked at, so the check needs no pause in writing.
     */
    record Bound(long position, String file, long end) {

        static final Bound EMPTY = new Bound(0, "", 0);
    }

    public static Report verify(Path directory) throws IOException {
        return verify(directory, null, new LongAdder());
    }

    /** Checks the whole store, or with a {@code bound} only the records up to it; counts the members as it reads them. */
    static Report verify(Path directory, @Nullable Bound bound, LongAdder membersRead) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("No archive directory at " + directory.toAbsolutePath());
        }
        List<Finding> findings = new ArrayList<>();
        Path keyFile = directory.resolve(PUBLIC_KEY);
        PublicKey key = publicKey(keyFile, findings);
        List<Located> located = new ArrayList<>();
        // File order with damaged members kept in their place, so a damaged member can be named by its position.
        List<@Nullable Located> slots = new ArrayList<>();
        List<Finding> damaged = new ArrayList<>();
        // What is wrong with a record's content, found while its bytes are at hand; they are not kept.
        Map<Located, String> contents = new java.util.IdentityHashMap<>();
        // The files are read side by side, each member inflated, parsed and checked as it comes.
        List<Path> files = files(directory).stream()
                .filter(file -> bound == null || file.getFileName().toString().compareTo(bound.file()) <= 0)
                .toList();
        List<List<Slot>> read;
        try {
            read = files.parallelStream()
                    .map(file -> read(
                            file,
                            key,
                            bound != null && file.getFileName().toString().equals(bound.file())
                                    ? bound.end()
                                    : Long.MAX_VALUE,
                            membersRead))
                    .toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        for (List<Slot> file : read) {
            for (Slot slot : file) {
                slots.add(slot.located());
                if (slot.located() == null) {
                    damaged.add(Objects.requireNonNull(slot.damage()));
                } else {
                    located.add(slot.located());
                    if (slot.content() != null) {
                        contents.put(slot.located(), slot.content());
                    }
                }
            }
        }
        TreeMap<Long, Located> byPosition = new TreeMap<>();
        long highest = 0;
        for (Located found : located) {
            long position = found.entry().position();
            if (byPosition.putIfAbsent(position, found) != null) {
                findings.add(new Finding(Problem.DUPLICATE, position, where(found), "the position occurs twice"));
            } else if (position < highest) {
                findings.add(
                        new Finding(Problem.OUT_OF_ORDER, position, where(found), "found after position " + highest));
            }
            highest = Math.max(highest, position);
        }
        Checkpoints checkpoints =
                checkpoints(directory, key, findings, bound == null ? Long.MAX_VALUE : bound.position());
        long last = Math.max(highest, checkpoints.highest());
        assignDamaged(slots, damaged, byPosition, findings);
        for (long position = 1; position <= last; position++) {
            if (!byPosition.containsKey(position) && !named(findings, position)) {
                findings.add(new Finding(Problem.MISSING, position, "", "no record holds this position"));
            }
        }
        checkChain(byPosition, findings, contents);
        checkpoints.check(byPosition, findings);
        TimestampTokens.check(directory, findings);
        findings.sort(java.util.Comparator.comparingLong(Finding::position));
        Map.Entry<Long, Located> tail = byPosition.lastEntry();
        return new Report(
                located.size(),
                tail == null ? 0 : tail.getKey(),
                tail == null ? Hashes.GENESIS : tail.getValue().entry().claimedLink(),
                checkpoints.count(),
                checkpoints.fingerprint(),
                List.copyOf(findings),
                List.copyOf(located));
    }

    /** A damaged member between positions a and b stands for the first missing position after a. */
    private static void assignDamaged(
            List<@Nullable Located> slots,
            List<Finding> damaged,
            TreeMap<Long, Located> byPosition,
            List<Finding> findings) {
        long previous = 0;
        int next = 0;
        for (Located slot : slots) {
            if (slot != null) {
                previous = slot.entry().position();
                continue;
            }
            Finding damage = damaged.get(next++);
            long guess = previous + 1;
            if (!byPosition.containsKey(guess) && !named(findings, guess)) {
                findings.add(new Finding(Problem.ALTERED, guess, damage.where(), "unreadable: " + damage.detail()));
                previous = guess;
            } else {
                findings.add(damage);
            }
        }
    }

    private static void checkChain(
            TreeMap<Long, Located> byPosition, List<Finding> findings, Map<Located, String> contents) {
        for (Located found : byPosition.values()) {
            WarcFormat.Entry entry = found.entry();
            long position = entry.position();
            String content = contents.get(found);
            if (content != null) {
                findings.add(new Finding(Problem.ALTERED, position, where(found), content));
                continue;
            }
            String previous = position == 1
                    ? Hashes.GENESIS
                    : byPosition.containsKey(position - 1)
                            ? byPosition.get(position - 1).entry().claimedLink()
                            : null;
            if (previous != null
                    && !Hashes.link(previous, entry.recordDigest(), position).equals(entry.claimedLink())) {
                findings.add(new Finding(
                        Problem.ALTERED, position, where(found), "the record does not match its link in the chain"));
            }
        }
    }

    /** What is wrong with the record's content, or null: it matches its digest or was erased under signature. */
    static @Nullable String content(WarcFormat.Entry entry, @Nullable PublicKey key) {
        if (entry.erased()) {
            return Signing.erasureVerifies(entry, key) ? null : "claims an erasure whose signature does not verify";
        }
        return entry.blockDigestMatches() ? null : "the content does not match its WARC-Block-Digest";
    }

    private static boolean named(List<Finding> findings, long position) {
        return findings.stream().anyMatch(finding -> finding.position() == position);
    }

    private static String where(Located found) {
        return "record urn:uuid:" + found.entry().id() + " in " + found.file() + " at offset " + found.offset();
    }

    private record Checkpoint(long position, String link, Instant signedAt, String signature, int line) {}

    private record Checkpoints(List<Checkpoint> all, @Nullable PublicKey key) {

        int count() {
            return all.size();
        }

        long highest() {
            return all.stream().mapToLong(Checkpoint::position).max().orElse(0);
        }

        @Nullable
        String fingerprint() {
            return key == null ? null : Signing.fingerprint(key);
        }

        void check(TreeMap<Long, Located> byPosition, List<Finding> findings) {
            for (Checkpoint checkpoint : all) {
                String where = CHECKPOINTS + " line " + checkpoint.line();
                if (key == null
                        || !Signing.verify(
                                key,
                                Signing.checkpointMessage(
                                        checkpoint.position(), checkpoint.link(), checkpoint.signedAt()),
                                checkpoint.signature())) {
                    findings.add(new Finding(
                            Problem.BAD_CHECKPOINT, checkpoint.position(), where, "the signature does not verify"));
                    continue;
                }
                Located found = byPosition.get(checkpoint.position());
                if (found != null && !found.entry().claimedLink().equals(checkpoint.link())) {
                    findings.add(new Finding(
                            Problem.BAD_CHECKPOINT,
                            checkpoint.position(),
                            where,
                            "the signed link differs from the chain's: records up to here were rewritten"));
                }
            }
        }
    }

    private static @Nullable PublicKey publicKey(Path keyFile, List<Finding> findings) throws IOException {
        if (Files.exists(keyFile)) {
            try {
                return Signing.publicKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                findings.add(new Finding(Problem.BAD_CHECKPOINT, 0, PUBLIC_KEY, "not an Ed25519 public key"));
            }
        }
        return null;
    }

    /** One member of a file: the record found there (kept without its content), or why none could be read. */
    private record Slot(@Nullable Located located, @Nullable String content, @Nullable Finding damage) {}

    private static List<Slot> read(Path file, @Nullable PublicKey key, long limit, LongAdder membersRead) {
        String name = file.getFileName().toString();
        List<Slot> slots = new ArrayList<>();
        try {
            WarcMembers.each(file, limit, member -> {
                membersRead.increment();
                String where = name + " at offset " + member.offset();
                byte[] bytes = member.bytes();
                if (bytes == null) {
                    slots.add(new Slot(
                            null, null, new Finding(Problem.UNREADABLE, 0, where, String.valueOf(member.damage()))));
                    return;
                }
                try {
                    WarcFormat.Entry entry = WarcFormat.parse(bytes);
                    slots.add(new Slot(
                            new Located(entry.withoutContent(), name, member.offset(), member.length()),
                            content(entry, key),
                            null));
                } catch (IOException e) {
                    slots.add(new Slot(
                            null, null, new Finding(Problem.UNREADABLE, 0, where, String.valueOf(e.getMessage()))));
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return slots;
    }

    /** The signed checkpoints up to position {@code upTo}; later ones sign records a bounded check does not read. */
    private static Checkpoints checkpoints(Path directory, @Nullable PublicKey key, List<Finding> findings, long upTo)
            throws IOException {
        Path file = directory.resolve(CHECKPOINTS);
        List<Checkpoint> all = new ArrayList<>();
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            // A last line without its newline is still being written (checkpoints are signed beside the writes).
            List<String> lines =
                    text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String[] parts = lines.get(i).strip().split(" ");
                if (parts.length == 1 && parts[0].isEmpty()) {
                    continue;
                }
                try {
                    Checkpoint checkpoint = new Checkpoint(
                            Long.parseLong(parts[0]), parts[1], Instant.parse(parts[2]), parts[3], i + 1);
                    if (checkpoint.position() <= upTo) {
                        all.add(checkpoint);
                    }
                } catch (RuntimeException e) {
                    findings.add(new Finding(
                            Problem.BAD_CHECKPOINT, 0, CHECKPOINTS + " line " + (i + 1), "not a checkpoint line"));
                }
            }
        }
        return new Checkpoints(all, key);
    }
}
