package io.ferry.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A clock that only moves when told, and a sleeper that moves it instead of waiting (recording each sleep). */
final class FakeTime extends Clock implements Sleeper {
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    FakeTime() {
        this(Instant.parse("2026-11-23T12:00:00Z"));
    }

    FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public void sleep(Duration d, BooleanSupplier wakeUp) {
        if (wakeUp.getAsBoolean()) {
            return;
        }
        synchronized (this) {
            sleeps.add(d);
            now = now.plus(d);
        }
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new IllegalArgumentException("FakeTime is UTC only");
    }
}
