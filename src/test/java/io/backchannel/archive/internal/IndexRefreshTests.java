package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** A search sees every record added before it, even while the scheduled commit refreshes the searchers beside it. */
class IndexRefreshTests {

    @TempDir
    Path directory;

    @Test
    void aSearchFindsWhatWasJustAddedWhileCommitsRunBesideIt() throws Exception {
        LuceneArchiveIndex index = new LuceneArchiveIndex(new ArchiveSettings(
                directory, directory.resolve("index"), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), 1000));
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
