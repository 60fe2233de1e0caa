package io.backchannel.archive.internal;

import io.backchannel.archive.Capture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The archive's work per record besides the database and the index, on the posts of the archive benchmark: building a
 * WARC record (headers, digests, chain link) and compressing it into its gzip member ({@code record}), and of that the
 * compression alone ({@code compress}). In the package of the classes it measures, which are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ArchiveRecordBuild {

    private static final int POSTS = 1024;

    private Capture[] captures;
    private String[] digests;
    private UUID[] ids;
    private byte[][] records;
    private byte[] out;
    private int next;

    @Setup
    public void setUp() {
        captures = new Capture[POSTS];
        digests = new String[POSTS];
        ids = new UUID[POSTS];
        records = new byte[POSTS][];
        int longest = 0;
        for (int i = 0; i < POSTS; i++) {
            captures[i] = ArchiveBenchmark.capture(i);
            digests[i] = Hashes.sha256(captures[i].content());
            ids[i] = RecordIds.next();
            records[i] = inflated(build(i));
            longest = Math.max(longest, records[i].length);
        }
        out = new byte[FixedDeflate.bound(longest)];
    }

    /** Linked to a record before it whose link is, for the benchmark, the post's digest. */
    private byte[] build(int i) {
        WarcFormat.Unsealed unsealed = Archive.unsealed(captures[i], ids[i], 1, digests[i], null, i + 1);
        return unsealed.gzip(unsealed.link(digests[i])).gzip();
    }

    private static byte[] inflated(byte[] member) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(member))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public byte[] record() {
        next = (next + 1) % POSTS;
        return build(next);
    }

    @Benchmark
    public int compress() {
        next = (next + 1) % POSTS;
        return FixedDeflate.compress(records[next], out, 0);
    }
}
