package io.backchannel.archive.internal;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcWriter;
import org.springframework.util.unit.DataSize;

/**
 * The archive benchmark's harness (bench/archive.sh): an embedded PostgreSQL and the archive's real classes in this
 * process. Measures, over the same generated small posts:
 *
 * <ol>
 *   <li>the reference: raw jwarc (gzip records, one fsync per batch) plus raw Lucene (committed as often as the
 *       archive's index);
 *   <li>capture in batches ({@code captureAll}), durable into WARC + chain + PostgreSQL + index;
 *   <li>single captures from many threads at once (coalesced into group commits);
 *   <li>searches while captures go on;
 *   <li>full verification of the store; search latency (index and rows, as the /archive page does) for a mix of
 *       queries and filters.
 * </ol>
 *
 * <p>Prints {@code name value} lines. Options: {@code --records N} (batch-captured records), {@code --single N}
 * (records captured one at a time), {@code --threads N}, {@code --batch N}, {@code --queries N}, {@code --dir DIR}
 * (work directory, emptied first).
 */
public final class ArchiveBenchmark {

    private static final String[] PLATFORMS = {"x", "mastodon", "facebook", "linkedin", "bluesky"};
    private static final String[] ACCOUNTS = {"acme", "acme_support", "acme_de", "acme_jobs"};
    private static final String[] EN = ("spring sale offer delivery parcel tent stove boots jacket refund order"
                    + " tracking discount voucher weekend store opening hours thanks feedback support team"
                    + " shipping return exchange size colour waterproof hiking camping trail summit lake river"
                    + " launch update price friday monday morning evening newsletter contest winner photo")
            .split(" ");
    private static final String[] DE = ("Lieferung Angebot Zelt Kocher Stiefel Jacke Erstattung Bestellung"
                    + " Sendungsverfolgung Rabatt Gutschein Wochenende Laden Öffnungszeiten Danke Rückmeldung"
                    + " Kundendienst Versand Rückgabe Umtausch Größe Farbe wasserdicht wandern zelten Gipfel"
                    + " See Fluss Preis Freitag Montag Morgen Abend Gewinnspiel Gewinner Foto")
            .split(" ");
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private final int records;
    private final int single;
    private final int threads;
    private final int batch;
    private final int queries;
    private final int warm;

    private ArchiveBenchmark(int records, int single, int threads, int batch, int queries, int warm) {
        this.records = records;
        this.single = single;
        this.threads = threads;
        this.batch = batch;
        this.queries = queries;
        this.warm = warm;
    }

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int records = Integer.parseInt(options.getOrDefault("records", "50000"));
        ArchiveBenchmark benchmark = new ArchiveBenchmark(
                records,
                Integer.parseInt(options.getOrDefault("single", String.valueOf(Math.max(1000, records / 20)))),
                Integer.parseInt(options.getOrDefault("threads", "16")),
                Integer.parseInt(options.getOrDefault("batch", "500")),
                Integer.parseInt(options.getOrDefault("queries", "2000")),
                Integer.parseInt(options.getOrDefault("warm", String.valueOf(Math.min(5_000, records / 5)))));
        Path work = Path.of(options.getOrDefault(
                "dir", Files.createTempDirectory("archive-bench").toString()));
        benchmark.run(work);
    }

    private void run(Path work) throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB")
                // Durable as the application's own embedded server is: the library starts its servers with fsync
                // and synchronous_commit off, which measured a PostgreSQL that acknowledged before it flushed.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (StandaloneArchive standalone =
                    new StandaloneArchive(url, work.resolve("archive"), DataSize.ofMegabytes(100), 1000)) {
                // Warm-up of both paths (JIT, caches), on records of their own, not counted.
                raw(work.resolve("warm-raw"), records, records + warm);
                // The index commits as the application's schedule has it commit.
                ScheduledExecutorService committing = Executors.newSingleThreadScheduledExecutor();
                committing.scheduleWithFixedDelay(
                        standalone.index::commit,
                        LuceneArchiveIndex.COMMIT_EVERY_MS,
                        LuceneArchiveIndex.COMMIT_EVERY_MS,
                        TimeUnit.MILLISECONDS);
                batches(standalone, records + single, records + single + warm);

                // CPU per record beside the rates: on a shared machine it says more than wall time about the work.
                Cpu used = new Cpu(work.resolve("postgres"));
                double raw = raw(work.resolve("raw"), 0, records);
                used.print("raw", records);
                print("raw_per_s", raw);
                double batched = batches(standalone, 0, records);
                used.print("batch", records);
                print("batch_per_s", batched);
                print("batch_ratio", batched / raw);
                double singles = singles(standalone, records, records + single);
                used.print("single", single);
                print("single_per_s", singles);
                print("single_ratio", singles / raw);
                searchWhileCapturing(standalone, records + single + warm, records + single + warm + records / 5);
                committing.shutdownNow();

                long total = standalone
                        .jdbc
                        .sql("select count(*) from archive_entry")
                        .query(Long.class)
                        .single();
                long started = System.nanoTime();
                long cpu = cpuNanos();
                StoreVerifier.Report report = StoreVerifier.verify(standalone.settings.directory());
                double seconds = (System.nanoTime() - started) / 1e9;
                // CPU time says more than wall time on a shared machine: the verifier is CPU-bound.
                print("verify_cpu_per_million_s", (cpuNanos() - cpu) / 1e9 * 1_000_000 / Math.max(1, report.records()));
                print("verify_records", report.records());
                print("verify_s", seconds);
                print("verify_per_million_s", seconds * 1_000_000 / Math.max(1, report.records()));
                print("verify_ok", report.ok() && report.records() == total ? 1 : 0);
                if (!report.ok()) {
                    System.err.println(report.text().lines().limit(20).toList());
                }
                search(standalone, total);
            }
        }
        deleteRecursively(work);
    }

    /**
     * Raw jwarc and Lucene: the same records, gzip per record, one fsync per batch, Lucene committed as often as the
     * archive's index commits.
     */
    private double raw(Path directory, int from, int to) throws IOException {
        Files.createDirectories(directory);
        long started = System.nanoTime();
        try (FileChannel file = FileChannel.open(
                        directory.resolve("raw.warc.gz"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                IndexWriter lucene = new IndexWriter(
                        FSDirectory.open(directory.resolve("index")), new IndexWriterConfig(new StandardAnalyzer()))) {
            WarcWriter warc = new WarcWriter(file, WarcCompression.GZIP);
            long lastCommit = System.nanoTime();
            for (int start = from; start < to; start += batch) {
                for (int i = start; i < Math.min(to, start + batch); i++) {
                    Capture capture = capture(i);
                    WarcDigest digest =
                            new WarcDigest("sha256", HexFormat.of().parseHex(Hashes.sha256(capture.content())));
                    warc.write(new WarcResource.Builder(URI.create("urn:bench:" + capture.sourceId()))
                            .recordId(java.util.UUID.randomUUID())
                            .date(capture.collectedAt())
                            .body(MediaType.parse(capture.contentType()), capture.content())
                            .blockDigest(digest)
                            .payloadDigest(digest)
                            .build());
                    Document document = new Document();
                    document.add(new StringField("id", capture.sourceId(), Field.Store.YES));
                    document.add(new StringField("platform", capture.platform(), Field.Store.NO));
                    document.add(new TextField("text", capture.text(), Field.Store.YES));
                    lucene.addDocument(document);
                }
                file.force(true);
                if (System.nanoTime() - lastCommit
                        > TimeUnit.MILLISECONDS.toNanos(LuceneArchiveIndex.COMMIT_EVERY_MS)) {
                    lucene.commit();
                    lastCommit = System.nanoTime();
                }
            }
            lucene.commit();
        }
        return (to - from) / ((System.nanoTime() - started) / 1e9);
    }

    private double batches(StandaloneArchive standalone, int from, int to) {
        long started = System.nanoTime();
        for (int start = from; start < to; start += batch) {
            List<Capture> captures = new ArrayList<>(batch);
            for (int i = start; i < Math.min(to, start + batch); i++) {
                captures.add(capture(i));
            }
            standalone.archive.captureAll(captures).forEach(result -> result.orThrow());
        }
        standalone.index.commit();
        return (to - from) / ((System.nanoTime() - started) / 1e9);
    }

    private double singles(StandaloneArchive standalone, int from, int to) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < to; ) {
                        standalone.archive.capture(capture(i));
                    }
                    return null;
                }));
            }
            for (Future<?> one : running) {
                one.get();
            }
        } finally {
            pool.shutdown();
        }
        standalone.index.commit();
        return (to - from) / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * An archivist searching during a long import: captures go on in batches while another thread runs a query from
     * the mix every quarter of a second. Each search first makes everything captured before it searchable, so its
     * latency includes flushing what the index held in memory since its last commit.
     */
    private void searchWhileCapturing(StandaloneArchive standalone, int from, int to) throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        List<Long> nanos = new ArrayList<>();
        AtomicBoolean capturing = new AtomicBoolean(true);
        Thread searching = Thread.ofPlatform().start(() -> {
            while (capturing.get()) {
                long started = System.nanoTime();
                standalone.records.search(query(random));
                nanos.add(System.nanoTime() - started);
                LockSupport.parkNanos(250_000_000L);
            }
        });
        double rate;
        try {
            rate = batches(standalone, from, to);
        } finally {
            capturing.set(false);
            searching.join();
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        print("during_capture_per_s", rate);
        print("during_capture_searches", sorted.length);
        print("during_capture_search_p50_ms", percentileMs(sorted, 0.5));
        print("during_capture_search_p95_ms", percentileMs(sorted, 0.95));
        print("during_capture_search_max_ms", sorted[sorted.length - 1] / 1e6);
    }

    /** The latency below which {@code share} of the sorted nanosecond times lie, in milliseconds. */
    private static double percentileMs(long[] sorted, double share) {
        return sorted[(int) (sorted.length * share)] / 1e6;
    }

    /** The /archive page's work for a mix of queries: the platform list, the index search with highlights, the rows. */
    private void search(StandaloneArchive standalone, long total) {
        SplittableRandom random = new SplittableRandom(7);
        List<ArchiveIndex.Query> mix = new ArrayList<>();
        for (int i = 0; i < 200 + queries; i++) {
            mix.add(query(random));
        }
        long[] nanos = new long[queries];
        long hits = 0;
        for (int i = 0; i < mix.size(); i++) {
            long started = System.nanoTime();
            standalone.records.platforms();
            hits += standalone.records.search(mix.get(i)).rows().size();
            if (i >= 200) {
                nanos[i - 200] = System.nanoTime() - started;
            }
        }
        Arrays.sort(nanos);
        print("search_records", total);
        print("search_queries", queries);
        print("search_rows_per_query", (double) hits / mix.size());
        print("search_p50_ms", percentileMs(nanos, 0.5));
        print("search_p95_ms", percentileMs(nanos, 0.95));
        print("search_p99_ms", percentileMs(nanos, 0.99));
    }

    private static ArchiveIndex.Query query(SplittableRandom random) {
        boolean german = random.nextInt(4) == 0;
        String[] words = german ? DE : EN;
        String text =
                switch (random.nextInt(5)) {
                    case 0 -> "";
                    case 1, 2 -> words[random.nextInt(words.length)];
                    case 3 -> words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
                    default -> "rare" + random.nextInt(100_000);
                };
        String platform = random.nextInt(3) == 0 ? PLATFORMS[random.nextInt(PLATFORMS.length)] : "";
        String kind = random.nextInt(4) == 0 ? CaptureKind.values()[random.nextInt(4)].name() : "";
        String language = random.nextInt(4) == 0 ? (german ? "de" : "en") : "";
        String author = random.nextInt(10) == 0 ? "person" + random.nextInt(500) : "";
        Instant from = null;
        Instant until = null;
        if (random.nextInt(3) == 0) {
            from = NOW.minus(random.nextInt(700), ChronoUnit.DAYS);
            until = from.plus(30, ChronoUnit.DAYS);
        }
        return new ArchiveIndex.Query(text, platform, "", author, kind, language, from, until, ArchiveRecords.PAGE);
    }

    /** Record i, the same in every run: a short post in English or German with one rare word in ten. */
    static Capture capture(int i) {
        SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        boolean german = random.nextInt(10) < 3;
        String[] words = german ? DE : EN;
        StringBuilder text = new StringBuilder();
        for (int w = 8 + random.nextInt(25); w > 0; w--) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        if (random.nextInt(10) == 0) {
            text.append("rare").append(random.nextInt(100_000));
        }
        String platform = PLATFORMS[random.nextInt(PLATFORMS.length)];
        String body = text.toString().strip();
        Instant saidAt = NOW.minusSeconds(random.nextLong(2 * 365 * 86_400L));
        return new Capture(
                platform,
                "bench-" + i,
                ACCOUNTS[random.nextInt(ACCOUNTS.length)],
                "person" + random.nextInt(500),
                CaptureKind.values()[random.nextInt(4)],
                german ? "de" : "en",
                saidAt,
                "https://" + platform + ".example/acme/" + i,
                body,
                "application/json",
                ("{\"id\":\"" + i + "\",\"text\":\"" + body + "\"}").getBytes(StandardCharsets.UTF_8),
                "archive benchmark",
                "ArchiveBenchmark",
                saidAt.plusSeconds(60),
                "import");
    }

    /**
     * CPU time of this JVM and of the embedded PostgreSQL (its postmaster and every process under it) since the last
     * look, printed per record in microseconds.
     */
    private static final class Cpu {

        private final Path postgresData;
        private long jvm = cpuNanos();
        private long database;
        private long compiling = compilerNanos();

        Cpu(Path postgresData) throws IOException {
            this.postgresData = postgresData;
            database = postgresNanos();
        }

        void print(String phase, int records) throws IOException {
            long jvmNow = cpuNanos();
            long databaseNow = postgresNanos();
            ArchiveBenchmark.print(phase + "_jvm_cpu_us", (jvmNow - jvm) / 1e3 / records);
            long compilingNow = compilerNanos();
            ArchiveBenchmark.print(phase + "_db_cpu_us", (databaseNow - database) / 1e3 / records);
            // Of the JVM's: the JIT compilers' share, which a short run pays and a sustained one does not.
            ArchiveBenchmark.print(phase + "_jit_cpu_us", (compilingNow - compiling) / 1e3 / records);
            jvm = cpuNanos();
            database = postgresNanos();
            compiling = compilerNanos();
        }

        /** CPU time of this JVM's compiler threads (C1 and C2). */
        private static long compilerNanos() throws IOException {
            return procNanos(
                    Path.of("/proc/self/task"),
                    stat -> stat.command().startsWith("C1 Compi")
                            || stat.command().startsWith("C2 Compi"));
        }

        /** CPU time of the embedded PostgreSQL: its postmaster and every process under it. */
        private long postgresNanos() throws IOException {
            Path pidFile = postgresData.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return 0;
            }
            String postmaster = Files.readAllLines(pidFile).getFirst().strip();
            return procNanos(
                    Path.of("/proc"), stat -> stat.entry().equals(postmaster) || stat.fields()[1].equals(postmaster));
        }

        /** A /proc stat line: the entry's name, the command in parentheses, and the fields after it (state, ppid, …). */
        private record Stat(String entry, String command, String[] fields) {

            /** User and system time (the 14th and 15th fields) in clock ticks of 10 ms (Linux's USER_HZ). */
            long ticks() {
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        }

        /** User and system time of the processes or threads under {@code directory} that count; 0 without /proc. */
        private static long procNanos(Path directory, java.util.function.Predicate<Stat> counts) throws IOException {
            if (!Files.isDirectory(directory)) {
                return 0;
            }
            long ticks = 0;
            try (var entries = Files.list(directory)) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (!name.matches("\\d+")) {
                        continue;
                    }
                    String stat;
                    try {
                        stat = Files.readString(entry.resolve("stat"));
                    } catch (IOException e) {
                        continue; // ended meanwhile
                    }
                    Stat parsed = new Stat(
                            name,
                            stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                            stat.substring(stat.lastIndexOf(')') + 2).split(" "));
                    if (counts.test(parsed)) {
                        ticks += parsed.ticks();
                    }
                }
            }
            return ticks * 10_000_000L;
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void print(String name, double value) {
        System.out.println(name + " " + String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.2f", value));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
