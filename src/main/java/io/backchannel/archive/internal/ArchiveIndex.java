package io.backchannel.archive.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The archive's full-text index. Embedded Lucene by default; the interface is narrow so that an OpenSearch cluster
 * can serve it later. The index is derived data: it can always be rebuilt from the archive's records.
 */
public interface ArchiveIndex {

    record Item(
            UUID id,
            String platform,
            String account,
            String author,
            String kind,
            String language,
            Instant saidAt,
            String text) {}

    /** Empty strings and nulls mean "any". */
    record Query(
            String text,
            String platform,
            String account,
            String author,
            String kind,
            String language,
            @Nullable Instant from,
            @Nullable Instant until,
            int limit) {}

    /** A matching record; {@code highlight} is escaped text in which only {@code <mark>} elements are markup. */
    record Hit(UUID id, String highlight) {}

    record Result(long total, List<Hit> hits) {}

    /**
     * Adds new records (ids the index does not hold) whose chain ends at {@code upTo}. Every search after the call
     * finds them; they survive a crash only once the index commits, which is why it remembers the position it
     * reached.
     */
    void addAll(List<Item> items, long upTo);

    /**
     * The chain position the index's last commit covers, or -1 when it cannot tell or was written in an older layout
     * (then it must be rebuilt).
     */
    long indexedUpTo();

    /** Adds or replaces the records after {@link #indexedUpTo()}, commits, and returns how many there were. */
    long catchUp(Stream<Item> items, long upTo);

    /** Takes the record out of the index, e.g. after its content was erased. */
    void remove(java.util.UUID id);

    Result search(Query query);

    long count();

    /** Replaces the whole index with {@code items}, the records up to chain position {@code upTo}. */
    void rebuild(Stream<Item> items, long upTo);
}
