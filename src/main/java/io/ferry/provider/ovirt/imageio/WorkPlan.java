package io.ferry.provider.ovirt.imageio;

import io.ferry.provider.ovirt.image.Extent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An image cut into work items (data chunks of at most {@code chunk} bytes, zero areas whole), handed out in
 * order to worker threads, with the offset below which every item is done.
 */
final class WorkPlan {
    record Item(int index, long start, long length, boolean zero) {}

    private final List<Item> items = new ArrayList<>();
    private int next;
    private final TreeSet<Integer> doneAhead = new TreeSet<>();
    private int doneUpTo; // items [0, doneUpTo) are done
    private long bytesDone;

    WorkPlan(List<Extent> extents, int chunk, long maxZero) {
        for (Extent e : extents) {
            long step = e.zero() ? maxZero : chunk;
            for (long p = e.start(); p < e.end(); p += step) {
                items.add(new Item(items.size(), p, Math.min(step, e.end() - p), e.zero()));
            }
        }
    }

    synchronized Item take() {
        return next < items.size() ? items.get(next++) : null;
    }

    /** Marks an item done; returns {bytesDone, doneBelow}. */
    synchronized long[] done(Item it) {
        bytesDone += it.length();
        doneAhead.add(it.index());
        while (!doneAhead.isEmpty() && doneAhead.first() == doneUpTo) {
            doneAhead.pollFirst();
            doneUpTo++;
        }
        return new long[] {bytesDone, doneBelow()};
    }

    /** The offset below which every item is done. */
    synchronized long doneBelow() {
        return doneUpTo == 0 ? startOffset() : (doneUpTo < items.size() ? items.get(doneUpTo).start() : endOffset());
    }

    private long startOffset() {
        return items.isEmpty() ? 0 : items.getFirst().start();
    }

    private long endOffset() {
        return items.isEmpty() ? 0 : items.getLast().start() + items.getLast().length();
    }

    int size() {
        return items.size();
    }

    long dataBytes() {
        return items.stream().filter(i -> !i.zero()).mapToLong(Item::length).sum();
    }
}
