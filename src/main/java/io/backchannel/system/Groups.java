package io.backchannel.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Work that many threads hand in and that is cheaper done in groups (one transaction, one write to disk for many): a
 * caller's item waits while a group is being done, and whoever waits first when it is done does the next group for all
 * that are waiting, then returns once its own item is done. No thread of its own; nothing is done after its caller
 * gave up. A group that fails is done again item by item, so that one bad item fails only its own caller.
 *
 * @param <T> an item of work
 */
public final class Groups<T> {

    private final int maxSize;
    private final ToIntFunction<T> size;
    private final Consumer<List<T>> work;
    private final Queue<Waiting<T>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock doing = new ReentrantLock();

    /**
     * @param maxSize a group ends when its items' sizes reach this (it holds at least one item)
     * @param size an item's size, e.g. the posts in a batch
     * @param work does a group, in the order the items were handed in; throws when it failed as a whole
     */
    public Groups(int maxSize, ToIntFunction<T> size, Consumer<List<T>> work) {
        this.maxSize = maxSize;
        this.size = size;
        this.work = work;
    }

    /** Does the item together with whatever else is waiting; throws what doing it alone threw. */
    public void run(T item) {
        Waiting<T> mine = new Waiting<>(item);
        waiting.add(mine);
        doing.lock();
        try {
            while (!mine.done) {
                List<Waiting<T>> group = new ArrayList<>();
                int total = 0;
                for (Waiting<T> next; total < maxSize && (next = waiting.poll()) != null; ) {
                    group.add(next);
                    total += size.applyAsInt(next.item);
                }
                doGroup(group);
            }
        } finally {
            doing.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    private void doGroup(List<Waiting<T>> group) {
        try {
            work.accept(group.stream().map(each -> each.item).toList());
            group.forEach(each -> each.done = true);
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.getFirst().failure = e;
                group.getFirst().done = true;
            } else {
                group.forEach(each -> doGroup(List.of(each)));
            }
        }
    }

    /** An item waiting for its group; its fields are guarded by the lock. */
    private static final class Waiting<T> {

        final T item;
        boolean done;

        @Nullable
        RuntimeException failure;

        Waiting(T item) {
            this.item = item;
        }
    }
}
