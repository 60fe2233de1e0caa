package io.backchannel.archive.internal;

import io.backchannel.archive.internal.StoreVerifier.Finding;
import io.backchannel.archive.internal.StoreVerifier.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Checks an evidence package ({@link EvidenceExport}) on its own: every file against {@code datapackage.json}, every
 * record against its digest and its line in the chain proof, the proof link by link up to the checkpoint, and the
 * checkpoint's signature against the package's public key (whose fingerprint the report prints for comparison), and
 * the checkpoint's RFC 3161 time-stamp token when the package holds one.
 */
public final class BundleVerifier {

    private static final Pattern RESOURCE =
            Pattern.compile("\"path\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"hash\"\\s*:\\s*\"sha256:([0-9a-f]{64})\"");
    private static final String DATA = "archive/data.warc.gz";
    private static final long MAX_ENTRY = 1L << 30;
    static final String TIMESTAMP = "proof/checkpoint.tsr";

    private record Link(String recordDigest, String link) {}

    private BundleVerifier() {}

    public static StoreVerifier.Report verify(Path bundle) throws IOException {
        List<Finding> findings = new ArrayList<>();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            Map<String, byte[]> files = new HashMap<>();
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.getSize() > MAX_ENTRY) {
                    throw new IOException(entry.getName() + " is larger than an evidence package holds");
                }
                try (var in = zip.getInputStream(entry)) {
                    files.put(entry.getName(), in.readNBytes((int) MAX_ENTRY));
                }
            }
            byte[] datapackage = files.getOrDefault("datapackage.json", new byte[0]);
            Matcher resources = RESOURCE.matcher(new String(datapackage, StandardCharsets.UTF_8));
            while (resources.find()) {
                byte[] bytes = files.get(resources.group(1));
                if (bytes == null) {
                    findings.add(new Finding(Problem.MISSING, 0, resources.group(1), "listed in datapackage.json"));
                } else if (!Hashes.sha256(bytes).equals(resources.group(2))) {
                    findings.add(new Finding(
                            Problem.ALTERED, 0, resources.group(1), "does not match its hash in datapackage.json"));
                }
            }
            TreeMap<Long, Link> chain = chain(text(files, "proof/chain.txt"), findings);
            PublicKey key = key(text(files, "proof/signing-key.pub"), findings);
            List<StoreVerifier.Located> located = records(files.getOrDefault(DATA, new byte[0]), chain, key, findings);
            String[] checkpoint = text(files, "proof/checkpoint.txt").strip().split(" ");
            checkCheckpoint(checkpoint, key, chain, findings);
            byte[] token = files.get(TIMESTAMP);
            if (token != null) {
                long position = chain.isEmpty() ? 0 : chain.lastKey();
                TimestampTokens.problem(token, text(files, "proof/checkpoint.txt"))
                        .ifPresent(problem ->
                                findings.add(new Finding(Problem.BAD_TIMESTAMP, position, TIMESTAMP, problem)));
            }
            findings.sort(java.util.Comparator.comparingLong(Finding::position));
            return new StoreVerifier.Report(
                    located.size(),
                    chain.isEmpty() ? 0 : chain.lastKey(),
                    chain.isEmpty()
                            ? Hashes.GENESIS
                            : chain.lastEntry().getValue().link(),
                    checkpoint.length == 4 ? 1 : 0,
                    key == null ? null : Signing.fingerprint(key),
                    List.copyOf(findings),
                    located);
        }
    }

    private static TreeMap<Long, Link> chain(String proof, List<Finding> findings) {
        TreeMap<Long, Link> chain = new TreeMap<>();
        for (String line : proof.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .toList()) {
            String[] parts = line.split(" ");
            try {
                chain.put(Long.parseLong(parts[0]), new Link(parts[1], parts[2]));
            } catch (RuntimeException e) {
                findings.add(new Finding(Problem.UNREADABLE, 0, "proof/chain.txt", "not a chain line: " + line));
            }
        }
        Map.Entry<Long, Link> previous = null;
        for (Map.Entry<Long, Link> entry : chain.entrySet()) {
            if (previous != null) {
                boolean adjacent = previous.getKey() + 1 == entry.getKey();
                if (!adjacent
                        || !Hashes.link(
                                        previous.getValue().link(),
                                        entry.getValue().recordDigest(),
                                        entry.getKey())
                                .equals(entry.getValue().link())) {
                    findings.add(new Finding(
                            Problem.ALTERED, entry.getKey(), "proof/chain.txt", "the chain proof is broken here"));
                }
            }
            previous = entry;
        }
        return chain;
    }

    private static List<StoreVerifier.Located> records(
            byte[] warc, TreeMap<Long, Link> chain, @Nullable PublicKey key, List<Finding> findings) {
        List<StoreVerifier.Located> located = new ArrayList<>();
        for (WarcMembers.Member member : WarcMembers.read(ByteBuffer.wrap(warc))) {
            String where = DATA + " at offset " + member.offset();
            byte[] bytes = member.bytes();
            try {
                if (bytes == null) {
                    throw new IOException(String.valueOf(member.damage()));
                }
                WarcFormat.Entry entry = WarcFormat.parse(bytes);
                located.add(new StoreVerifier.Located(entry, DATA, member.offset(), member.length()));
                Link link = chain.get(entry.position());
                String content = StoreVerifier.content(entry, key);
                if (content != null) {
                    findings.add(new Finding(Problem.ALTERED, entry.position(), where, content));
                } else if (link == null
                        || !link.recordDigest().equals(entry.recordDigest())
                        || !link.link().equals(entry.claimedLink())) {
                    findings.add(new Finding(
                            Problem.ALTERED, entry.position(), where, "the record does not match the chain proof"));
                }
            } catch (IOException e) {
                findings.add(new Finding(Problem.ALTERED, 0, where, "unreadable: " + e.getMessage()));
            }
        }
        return located;
    }

    private static void checkCheckpoint(
            String[] checkpoint, @Nullable PublicKey key, TreeMap<Long, Link> chain, List<Finding> findings) {
        try {
            long position = Long.parseLong(checkpoint[0]);
            boolean signed = key != null
                    && Signing.verify(
                            key,
                            Signing.checkpointMessage(position, checkpoint[1], Instant.parse(checkpoint[2])),
                            checkpoint[3]);
            Link last = chain.get(position);
            if (!signed) {
                findings.add(new Finding(
                        Problem.BAD_CHECKPOINT, position, "proof/checkpoint.txt", "the signature does not verify"));
            } else if (last == null || !last.link().equals(checkpoint[1])) {
                findings.add(new Finding(
                        Problem.BAD_CHECKPOINT,
                        position,
                        "proof/chain.txt",
                        "the chain does not reach the signed link"));
            }
        } catch (RuntimeException e) {
            findings.add(new Finding(Problem.BAD_CHECKPOINT, 0, "proof/checkpoint.txt", "no signed checkpoint"));
        }
    }

    private static @Nullable PublicKey key(String text, List<Finding> findings) {
        try {
            return Signing.publicKey(text);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            findings.add(new Finding(Problem.BAD_CHECKPOINT, 0, "proof/signing-key.pub", "not an Ed25519 public key"));
            return null;
        }
    }

    private static String text(Map<String, byte[]> files, String name) {
        return new String(files.getOrDefault(name, new byte[0]), StandardCharsets.US_ASCII);
    }
}
