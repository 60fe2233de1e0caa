package io.backchannel.archive.internal;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Lucene under {@code <archive dir>/index}. Each text goes into a field of its language ({@code text_de} analysed with
 * German stemming and stop words, and so on), so that a search finds "Lieferungen" for "Lieferung"; a query is
 * analysed once per language and matches in any of them. Query text is never parsed as Lucene syntax.
 */
@Component
class LuceneArchiveIndex implements ArchiveIndex {

    private static final Logger log = LoggerFactory.getLogger(LuceneArchiveIndex.class);

    private static final String OTHER = "text_other";
    static final String POSITION = "chain-position";
    private static final String SAID_AT = "said_at";
    /** The layout of the documents; an index written with another is rebuilt. */
    static final String SCHEMA = "schema";

    private static final String CURRENT_SCHEMA = "2";
    private static final Map<String, Analyzer> LANGUAGES = Map.of(
            "en", new EnglishAnalyzer(),
            "de", new GermanAnalyzer(),
            "es", new SpanishAnalyzer(),
            "fr", new FrenchAnalyzer(),
            "it", new ItalianAnalyzer(),
            "nl", new DutchAnalyzer(),
            "no", new NorwegianAnalyzer(),
            "ja", new CJKAnalyzer());

    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** The chain position of the last record added, and the commit data of the last commit. */
    private volatile long reached;

    private volatile Map<String, String> committed;

    /**
     * Lucene writes a segment each time its buffer fills (besides each commit). At its default of 16 MB, writing and
     * merging those small segments was a third of the indexing thread's work during a sustained capture.
     */
    private static final double RAM_BUFFER_MB = 64;

    /** At most this many batches wait for the indexing thread, so that a long import cannot fill the heap. */
    private static final int MAX_QUEUED = 16;

    private final ExecutorService adding = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("archive-index").daemon().factory());
    private final Semaphore queued = new Semaphore(MAX_QUEUED);
    private Future<?> last = CompletableFuture.completedFuture(null);

    LuceneArchiveIndex(ArchiveSettings settings) throws IOException {
        Map<String, Analyzer> fields = new java.util.HashMap<>();
        LANGUAGES.forEach((language, languageAnalyzer) -> fields.put(field(language), languageAnalyzer));
        analyzer = new PerFieldAnalyzerWrapper(new StandardAnalyzer(), fields);
        writer = new IndexWriter(
                FSDirectory.open(settings.indexDirectory()),
                new IndexWriterConfig(analyzer)
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                        .setRAMBufferSizeMB(RAM_BUFFER_MB)
                        .setUseCompoundFile(false)
                        .setMergePolicy(mergePolicy()));
        searchers = new SearcherManager(writer, null);
        committed = writer.getLiveCommitData() == null ? Map.of() : commitData(writer.getLiveCommitData());
        reached = Math.max(0, indexedUpTo());
    }

    /**
     * Without compound files: Lucene would copy every new segment's files into one more (a second write of each
     * segment) to spare file handles, which one index per installation does not need.
     */
    private static TieredMergePolicy mergePolicy() {
        TieredMergePolicy policy = new TieredMergePolicy();
        policy.setNoCFSRatio(0);
        return policy;
    }

    private static Map<String, String> commitData(Iterable<Map.Entry<String, String>> data) {
        Map<String, String> copy = new java.util.HashMap<>();
        data.forEach(entry -> copy.put(entry.getKey(), entry.getValue()));
        return Map.copyOf(copy);
    }

    private static String field(String language) {
        return LANGUAGES.containsKey(language) ? "text_" + language : OTHER;
    }

    /**
     * Analysing the texts was a quarter of a capture's time: it runs here, on a thread of its own, batch after batch in
     * chain order, while the capturing thread goes on. A record is durable before it is indexed (the index catches up
     * from the database on start), so nothing waits for this but searches and commits, which see every add before them.
     */
    @Override
    public void addAll(List<Item> items, long upTo) {
        queued.acquireUninterruptibly();
        synchronized (adding) {
            last = adding.submit(() -> {
                try {
                    for (Item item : items) {
                        writer.addDocument(document(item));
                    }
                    reached = Math.max(reached, upTo);
                } catch (IOException | RuntimeException e) {
                    // Left behind: the count differs from the database's on the next start, which rebuilds the index.
                    log.error("Archive: could not index {} records up to position {}", items.size(), upTo, e);
                } finally {
                    queued.release();
                }
            });
        }
    }

    /** Waits until every add handed over so far is in the writer. */
    private void drain() {
        Future<?> pending;
        synchronized (adding) {
            pending = last;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // Logged by the add itself.
        }
    }

    @Override
    public long indexedUpTo() {
        String position = committed.get(POSITION);
        return position == null || !CURRENT_SCHEMA.equals(committed.get(SCHEMA)) ? -1 : Long.parseLong(position);
    }

    @Override
    public synchronized long catchUp(Stream<Item> items, long upTo) {
        drain();
        long[] added = {0};
        items.forEach(item -> {
            try {
                writer.updateDocument(new Term("id", item.id().toString()), document(item));
                added[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        reached = Math.max(reached, upTo);
        commit();
        return added[0];
    }

    /**
     * How often the index commits. Each commit writes what was added since as a new segment, and Lucene merges those
     * segments again and again as the index grows: committing every second instead cost a sustained capture 14 to 29
     * µs more CPU per record, a sixth of its rate (docs/benchmarks.md, session 10). Searches do not wait for it (each
     * one refreshes first), and a crash loses no more than a catch-up from the database on the next start.
     */
    static final long COMMIT_EVERY_MS = 10_000;

    /**
     * Commits what was added and makes it searchable. The commit remembers the position reached before it began, so
     * everything up to there is in it.
     */
    @Scheduled(fixedDelay = COMMIT_EVERY_MS)
    synchronized void commit() {
        drain();
        try {
            long upTo = reached;
            if (writer.hasUncommittedChanges() || upTo != indexedUpTo()) {
                Map<String, String> data = Map.of(POSITION, Long.toString(upTo), SCHEMA, CURRENT_SCHEMA);
                writer.setLiveCommitData(data.entrySet());
                writer.commit();
                committed = data;
            }
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lucene's own check decides whether there is anything new (the reader is current: nothing is opened), and a
     * refresh under way on another thread is waited for. A flag of our own once let a search skip the refresh while the
     * scheduled commit's was still running, and search the searcher from before.
     */
    private void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    @Override
    public synchronized void remove(java.util.UUID id) {
        drain();
        try {
            writer.deleteDocuments(new Term("id", id.toString()));
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(Item item) {
        Document document = new Document();
        document.add(new StringField("id", item.id().toString(), Field.Store.YES));
        document.add(new StringField("platform", item.platform(), Field.Store.NO));
        document.add(new StringField("account", item.account().toLowerCase(Locale.ROOT), Field.Store.NO));
        document.add(new StringField("author", item.author().toLowerCase(Locale.ROOT), Field.Store.NO));
        document.add(new StringField("kind", item.kind(), Field.Store.NO));
        document.add(new StringField("language", item.language(), Field.Store.YES));
        long saidAt = item.saidAt().toEpochMilli();
        // Points and doc values under one name let a sort by date skip documents that cannot make the page.
        document.add(new LongPoint(SAID_AT, saidAt));
        document.add(new NumericDocValuesField(SAID_AT, saidAt));
        document.add(new TextField(field(item.language()), item.text(), Field.Store.YES));
        return document;
    }

    @Override
    public Result search(Query query) {
        drain();
        try {
            refresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                BooleanQuery.Builder filters = new BooleanQuery.Builder();
                filter(filters, "platform", query.platform());
                filter(filters, "account", query.account().toLowerCase(Locale.ROOT));
                filter(filters, "author", query.author().toLowerCase(Locale.ROOT));
                filter(filters, "kind", query.kind());
                filter(filters, "language", query.language());
                if (query.from() != null || query.until() != null) {
                    filters.add(
                            LongPoint.newRangeQuery(
                                    SAID_AT,
                                    query.from() == null
                                            ? Long.MIN_VALUE
                                            : query.from().toEpochMilli(),
                                    query.until() == null
                                            ? Long.MAX_VALUE
                                            : query.until().toEpochMilli()),
                            Occur.FILTER);
                }
                org.apache.lucene.search.Query text = text(query.text());
                filters.add(text == null ? new MatchAllDocsQuery() : text, Occur.MUST);
                int limit = Math.max(1, query.limit());
                TopDocs top = text == null
                        ? searcher.search(
                                filters.build(), limit, new Sort(new SortField(SAID_AT, SortField.Type.LONG, true)))
                        : searcher.search(filters.build(), limit);
                List<Hit> hits = new ArrayList<>();
                // One highlighter per language field for the whole page: each takes the query apart once.
                Map<String, Highlighter> highlighters = new java.util.HashMap<>();
                var stored = searcher.storedFields();
                for (ScoreDoc score : top.scoreDocs) {
                    Document document = stored.document(score.doc);
                    hits.add(new Hit(
                            java.util.UUID.fromString(document.get("id")), highlight(document, text, highlighters)));
                }
                return new Result(top.totalHits.value, hits);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void filter(BooleanQuery.Builder filters, String field, String value) {
        if (!value.isBlank()) {
            filters.add(new TermQuery(new Term(field, value.strip())), Occur.FILTER);
        }
    }

    private org.apache.lucene.search.@org.jspecify.annotations.Nullable Query text(String text) {
        if (text.isBlank()) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        boolean terms = false;
        for (String field : fieldNames()) {
            var perField = new QueryBuilder(analyzer).createBooleanQuery(field, text, Occur.MUST);
            if (perField != null) {
                any.add(perField, Occur.SHOULD);
                terms = true;
            }
        }
        // Only stop words ("the", "und"): nothing can match, rather than everything.
        return terms ? any.build() : new TermQuery(new Term(OTHER, "\u0000"));
    }

    private static List<String> fieldNames() {
        List<String> names = new ArrayList<>(
                LANGUAGES.keySet().stream().map(LuceneArchiveIndex::field).toList());
        names.add(OTHER);
        return names;
    }

    private String highlight(
            Document document,
            org.apache.lucene.search.@org.jspecify.annotations.Nullable Query text,
            Map<String, Highlighter> highlighters)
            throws IOException {
        String field = field(document.get("language"));
        String stored = document.get(field);
        String value = stored == null ? "" : stored;
        SimpleHTMLEncoder encoder = new SimpleHTMLEncoder();
        if (text != null) {
            Highlighter highlighter = highlighters.computeIfAbsent(
                    field,
                    name -> new Highlighter(
                            new SimpleHTMLFormatter("<mark>", "</mark>"), encoder, new QueryScorer(text, name)));
            try {
                String fragment = highlighter.getBestFragments(analyzer.tokenStream(field, value), value, 2, " … ");
                if (fragment != null && !fragment.isEmpty()) {
                    return fragment;
                }
            } catch (InvalidTokenOffsetsException e) {
                // Fall through to the plain beginning of the text.
            }
        }
        return encoder.encodeText(value.length() > 200 ? value.substring(0, 200) + " …" : value);
    }

    @Override
    public long count() {
        drain();
        return writer.getDocStats().numDocs;
    }

    @Override
    public synchronized void rebuild(Stream<Item> items, long upTo) {
        drain();
        try {
            writer.deleteAll();
            items.forEach(item -> {
                try {
                    writer.addDocument(document(item));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            reached = upTo;
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for a commit under way (writes are synchronized with this), and closes the writer even when the searchers
     * fail to: an unclosed writer keeps the index locked for the rest of the JVM's life.
     */
    @PreDestroy
    synchronized void close() throws IOException {
        try {
            commit();
            searchers.close();
        } finally {
            adding.shutdown();
            writer.close();
        }
    }
}
