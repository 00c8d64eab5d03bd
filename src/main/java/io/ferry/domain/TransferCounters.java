package io.ferry.domain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 21 int64 counters of seed 002, immutable. On the wire each is a decimal string, so values above 2^53 stay
 * exact; a counter never seen is absent from {@link #toWire()} and reads as zero.
 */
public final class TransferCounters {
    public static final TransferCounters EMPTY = new TransferCounters(new long[Counter.values().length], 0L);

    private final long[] values;
    private final long present; // bit per counter that was set

    private TransferCounters(long[] values, long present) {
        this.values = values;
        this.present = present;
    }

    public long get(Counter c) {
        return values[c.ordinal()];
    }

    public boolean has(Counter c) {
        return (present & (1L << c.ordinal())) != 0;
    }

    public boolean isEmpty() {
        return present == 0;
    }

    public TransferCounters with(Counter c, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(c.jsonName() + " must not be negative: " + value);
        }
        long[] next = values.clone();
        next[c.ordinal()] = value;
        return new TransferCounters(next, present | (1L << c.ordinal()));
    }

    public TransferCounters plus(Counter c, long delta) {
        return with(c, Math.addExact(get(c), delta));
    }

    /**
     * Parses seed 002's {@code counters} object. Each value must be a decimal int64 string (a JSON number is
     * accepted too); unknown names are ignored.
     *
     * @throws IllegalArgumentException naming the counter and the raw value when one is not a non-negative int64
     */
    public static TransferCounters fromWire(Map<String, ?> wire) {
        TransferCounters c = EMPTY;
        if (wire == null) {
            return c;
        }
        for (Map.Entry<String, ?> e : wire.entrySet()) {
            var counter = Counter.fromJsonName(e.getKey());
            if (counter.isEmpty() || e.getValue() == null) {
                continue;
            }
            String raw = e.getValue().toString().trim();
            long v;
            try {
                v = Long.parseLong(raw);
            } catch (NumberFormatException nfe) {
                throw new IllegalArgumentException(
                        "counter " + e.getKey() + " is not an int64 decimal string: \"" + raw + "\"", nfe);
            }
            if (v < 0) {
                throw new IllegalArgumentException("counter " + e.getKey() + " is negative: " + raw);
            }
            c = c.with(counter.get(), v);
        }
        return c;
    }

    /** The counters that were set, by JSON name, as decimal strings, in seed 002's order. */
    public Map<String, String> toWire() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Counter c : Counter.values()) {
            if (has(c)) {
                out.put(c.jsonName(), Long.toString(get(c)));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferCounters other && present == other.present && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Long.hashCode(present);
    }

    @Override
    public String toString() {
        return "TransferCounters" + toWire();
    }
}
