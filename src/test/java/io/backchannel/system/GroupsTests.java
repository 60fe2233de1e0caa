package io.backchannel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GroupsTests {

    private final List<List<Integer>> done = Collections.synchronizedList(new ArrayList<>());

    @Test
    void itemsHandedInAtOnceAreDoneInFewerGroupsAndEachCallerReturnsWhenItsItemIsDone() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var groups = new Groups<Integer>(100, item -> 1, group -> {
            if (group.contains(0)) {
                // Hold the first group until the others wait behind it.
                entered.countDown();
                await(release);
            }
            done.add(group);
        });
        try (var pool = Executors.newFixedThreadPool(9)) {
            Future<?> first = pool.submit(() -> groups.run(0));
            entered.await();
            List<Future<?>> others = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                int item = i;
                others.add(pool.submit(() -> groups.run(item)));
            }
            // Long enough for the eight to hand their items in behind the held group.
            Thread.sleep(300);
            release.countDown();
            first.get();
            for (Future<?> other : others) {
                other.get();
            }
        }
        assertThat(done.stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(done).hasSizeLessThan(9);
        assertThat(done.getFirst()).containsExactly(0);
    }

    @Test
    void aGroupThatFailsIsDoneItemByItemAndOnlyTheBadItemsCallerFails() throws Exception {
        var groups = new Groups<Integer>(100, item -> 1, group -> {
            if (group.contains(13)) {
                throw new IllegalStateException("13 cannot be done");
            }
            done.add(group);
        });
        var start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (int item : List.of(11, 12, 13, 14, 15, 16)) {
                runs.add(pool.submit(() -> {
                    await(start);
                    groups.run(item);
                }));
            }
            start.countDown();
            for (int i = 0; i < runs.size(); i++) {
                if (i == 2) {
                    assertThatThrownBy(runs.get(i)::get)
                            .isInstanceOf(ExecutionException.class)
                            .hasCauseInstanceOf(IllegalStateException.class);
                } else {
                    runs.get(i).get();
                }
            }
        }
        assertThat(done.stream().flatMap(List::stream)).containsExactlyInAnyOrder(11, 12, 14, 15, 16);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
