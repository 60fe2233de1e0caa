package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class LuceneArchiveIndexTests {

    @TempDir
    Path directory;

    private LuceneArchiveIndex open() throws Exception {
        return new LuceneArchiveIndex(new ArchiveSettings(
                directory, directory.resolve("index"), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), 1000));
    }

    /** A search sees every record added before it, even while the scheduled commit refreshes the searchers beside it. */
    @Test
    void aSearchFindsWhatWasJustAddedWhileCommitsRunBesideIt() throws Exception {
        LuceneArchiveIndex index = open();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread scheduler = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                index.commit();
            }
        });
        int missed = 0;
        try {
            for (int position = 1; position <= 400; position++) {
                String word = "zqw" + letters(position);
                ArchiveIndex.Item added = item(word);
                index.addAll(List.of(added), position);
                if (index.search(query(word)).hits().stream()
                        .noneMatch(hit -> hit.id().equals(added.id()))) {
                    missed++;
                }
            }
        } finally {
            running.set(false);
            scheduler.join();
            index.close();
        }

        assertThat(missed)
                .as("searches that missed the record added just before")
                .isZero();
    }

    /** An index of an older layout says it cannot tell its position, so the archive rebuilds it on start. */
    @Test
    void anIndexOfAnOlderLayoutIsRebuiltInTheCurrentOne() throws Exception {
        try (IndexWriter before = new IndexWriter(
                FSDirectory.open(directory.resolve("index")), new IndexWriterConfig(new StandardAnalyzer()))) {
            Document document = new Document();
            document.add(new StringField("id", UUID.randomUUID().toString(), Field.Store.YES));
            document.add(new TextField("text_en", "Offer zqwold valid", Field.Store.YES));
            before.addDocument(document);
            before.setLiveCommitData(Map.of(LuceneArchiveIndex.POSITION, "1", LuceneArchiveIndex.SCHEMA, "1")
                    .entrySet());
            before.commit();
        }
        LuceneArchiveIndex index = open();
        try {
            assertThat(index.indexedUpTo()).isEqualTo(-1);

            ArchiveIndex.Item rebuilt = item("zqwnew");
            index.rebuild(Stream.of(rebuilt), 1);

            assertThat(index.indexedUpTo()).isEqualTo(1);
            assertThat(index.count()).isEqualTo(1);
            assertThat(index.search(query("zqwnew")).hits())
                    .extracting(ArchiveIndex.Hit::id)
                    .containsExactly(rebuilt.id());
            assertThat(index.search(query("zqwnew")).hits().getFirst().highlight())
                    .contains("<mark>zqwnew</mark>");
            assertThat(index.search(query("zqwold")).hits()).isEmpty();
        } finally {
            index.close();
        }
    }

    /** A word per position, of letters only, so that no analyser splits it. */
    private static String letters(int position) {
        StringBuilder word = new StringBuilder();
        for (int rest = position; rest > 0; rest /= 20) {
            word.append((char) ('a' + rest % 20));
        }
        return word.toString();
    }

    private static ArchiveIndex.Item item(String word) {
        return new ArchiveIndex.Item(
                UUID.randomUUID(), "x", "acme", "Alice", "OWN_POST", "en", Instant.now(), "Offer " + word + " valid");
    }

    private static ArchiveIndex.Query query(String word) {
        return new ArchiveIndex.Query(word, "", "", "", "", "", null, null, 10);
    }
}
