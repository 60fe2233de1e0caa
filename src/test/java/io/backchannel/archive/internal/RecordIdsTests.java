package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordIdsTests {

    @Test
    void idsAreVersionSevenInTheRfcVariantAndCarryTheirMillisecond() {
        UUID id = RecordIds.at(1_790_000_000_123L, new SplittableRandom(1));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(1_790_000_000_123L);
    }

    /** PostgreSQL orders uuids byte by byte, as their text sorts: a later millisecond sorts after. */
    @Test
    void laterIdsSortAfterEarlierOnesAsText() {
        SplittableRandom random = new SplittableRandom(2);
        for (long millis = 1_790_000_000_000L; millis < 1_790_000_001_000L; millis++) {
            assertThat(RecordIds.at(millis, random).toString())
                    .isLessThan(RecordIds.at(millis + 1, random).toString());
        }
    }

    @Test
    void manyIdsInOneMillisecondStayApart() {
        SplittableRandom random = new SplittableRandom(3);
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(RecordIds.at(1_790_000_000_000L, random));
        }
        assertThat(ids).hasSize(100_000);
        assertThat(RecordIds.next()).isNotEqualTo(RecordIds.next());
    }
}
