package io.backchannel.system;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that many threads hand in and that is cheaper done in groups (one transaction, one write to disk for many): a
 * group commit without a thread of its own. A caller's item waits while a group is being done; one waiting caller, the
 * leader, then does everything waiting as the next group, while the others wait for their item. Whoever finds their
 * item done returns at once, and the leader steps down once its own item is done, so no caller works for others for
 * long. Only one group is done at a time. A group that fails is done again item by item, so that one bad item fails
 * only its own caller.
 *
 * @param <T> an item of work
 */
public final class Groups<T> {

    private static final Logger log = LoggerFactory.getLogger(Groups.class);

    private final int maxSize;
    private final ToIntFunction<T> size;
    private final Consumer<List<T>> work;
    /**
     * Items not yet taken into a group, and whether a caller is doing groups; guarded by this queue's monitor, which
     * also wakes the callers when a group is done.
     */
    private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();

    private boolean leading;

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
        boolean interrupted = false;
        synchronized (waiting) {
            waiting.add(mine);
            while (!mine.done() && leading) {
                try {
                    waiting.wait();
                } catch (InterruptedException e) {
                    // The item may be done meanwhile: wait for its outcome all the same.
                    interrupted = true;
                }
            }
            if (!mine.done()) {
                leading = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!mine.done()) {
            lead(mine);
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Does what waits, a group at a time, until {@code mine} is done; then wakes the callers and steps down. */
    private void lead(Waiting<T> mine) {
        try {
            while (!mine.done()) {
                List<Waiting<T>> group = new ArrayList<>();
                int total = 0;
                synchronized (waiting) {
                    for (Waiting<T> next; total < maxSize && (next = waiting.poll()) != null; ) {
                        group.add(next);
                        total += size.applyAsInt(next.item);
                    }
                }
                try {
                    doGroup(group);
                } finally {
                    for (Waiting<T> undone : group) {
                        if (!undone.done()) {
                            undone.failure = new IllegalStateException("The group this item was in could not be done");
                        }
                    }
                    synchronized (waiting) {
                        waiting.notifyAll();
                    }
                }
            }
        } finally {
            synchronized (waiting) {
                leading = false;
                waiting.notifyAll();
            }
        }
    }

    private void doGroup(List<Waiting<T>> group) {
        try {
            work.accept(group.stream().map(each -> each.item).toList());
            group.forEach(each -> each.succeeded = true);
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.getFirst().failure = e;
            } else {
                log.warn("A group of {} failed ({}); doing each alone", group.size(), e.toString());
                group.forEach(each -> doGroup(List.of(each)));
            }
        }
    }

    /** An item waiting for its group; set by the leader, read by its caller after the monitor woke it. */
    private static final class Waiting<T> {

        final T item;

        volatile boolean succeeded;

        volatile @Nullable RuntimeException failure;

        Waiting(T item) {
            this.item = item;
        }

        boolean done() {
            return succeeded || failure != null;
        }
    }
}
