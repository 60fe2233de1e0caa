package io.backchannel.archive.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * WARC record ids as time-ordered UUIDs (version 7, RFC 9562): the milliseconds since 1970 first, then random bits.
 * The archive's rows are keyed by them, and random (version 4) ids land all over those indexes, so that every insert
 * touches another page; ids that grow with time go to the end. The 74 random bits keep ids of one millisecond apart;
 * they are no secret (a record's id is in its WARC file and its permalink, which only staff open).
 */
final class RecordIds {

    private RecordIds() {}

    static UUID next() {
        return at(System.currentTimeMillis(), ThreadLocalRandom.current());
    }

    static UUID at(long millis, java.util.random.RandomGenerator random) {
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0fffL);
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
