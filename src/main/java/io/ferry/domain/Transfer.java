package io.ferry.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One transfer, of any system, as an immutable value. Change it with the {@code with…} methods; the engine
 * keeps the current value and every listener gets snapshots.
 *
 * @param id           Ferry's id (a UUID string for transfers Ferry starts)
 * @param provider     the provider id: local, ovirt, gcs, element, ims
 * @param name         what the operator sees in the list (a file name, a disk name, a job name)
 * @param source       where the data comes from (path, URL, object, volume)
 * @param target       where it goes
 * @param nativeStatus the provider's own status text, as received (shown beside the phase; kept when unmapped)
 * @param bytesTotal   -1 when unknown
 * @param objectsTotal -1 when unknown
 * @param percent      a percentage the remote system reported (0–100), or -1 to derive it from the bytes
 * @param attributes   seed 003's attributes and anything else a provider shows (image_id, transfer URL, …)
 * @param options      what the transfer was started with (verify, overwrite, sync, remote ids); not shown as is
 * @param created      when Ferry learned of it; {@code started} / {@code ended} may be null
 */
public record Transfer(
        String id,
        String provider,
        Direction direction,
        String name,
        String source,
        String target,
        TransferPhase phase,
        String nativeStatus,
        long bytesDone,
        long bytesTotal,
        long objectsDone,
        long objectsTotal,
        double percent,
        TransferCounters counters,
        ErrorBreakdown errors,
        List<SubJob> subJobs,
        String message,
        Map<String, String> attributes,
        Map<String, String> options,
        Instant created,
        Instant started,
        Instant ended,
        List<PhaseChange> history) {

    public Transfer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(created, "created");
        name = Objects.requireNonNullElse(name, "");
        source = Objects.requireNonNullElse(source, "");
        target = Objects.requireNonNullElse(target, "");
        nativeStatus = Objects.requireNonNullElse(nativeStatus, "");
        message = Objects.requireNonNullElse(message, "");
        counters = Objects.requireNonNullElse(counters, TransferCounters.EMPTY);
        errors = Objects.requireNonNullElse(errors, ErrorBreakdown.EMPTY);
        subJobs = subJobs == null ? List.of() : List.copyOf(subJobs);
        attributes = attributes == null ? Map.of() : unmodifiableOrdered(attributes);
        options = options == null ? Map.of() : unmodifiableOrdered(options);
        history = history == null ? List.of() : List.copyOf(history);
    }

    private static Map<String, String> unmodifiableOrdered(Map<String, String> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** A new transfer in {@code initializing}, with that first step in its history. */
    public static Transfer create(
            String id, String provider, Direction direction, String name, String source, String target,
            Map<String, String> options, Instant now) {
        return new Transfer(id, provider, direction, name, source, target, TransferPhase.INITIALIZING, "", 0, -1, 0, -1, -1,
                TransferCounters.EMPTY, ErrorBreakdown.EMPTY, List.of(), "", Map.of(), options, now, null, null,
                List.of(new PhaseChange(TransferPhase.INITIALIZING, now, "created")));
    }

    /** 0–100, or -1 when not known: the reported percent if any, else bytes (else objects) done over total. */
    public double progressPercent() {
        if (percent >= 0) {
            return Math.min(100.0, percent);
        }
        if (bytesTotal > 0) {
            return Math.min(100.0, 100.0 * bytesDone / bytesTotal);
        }
        if (bytesTotal == 0 && phase == TransferPhase.FINISHED_SUCCESS) {
            return 100.0;
        }
        if (objectsTotal > 0) {
            return Math.min(100.0, 100.0 * objectsDone / objectsTotal);
        }
        return -1;
    }

    /** The reason given for the current phase (the last history entry's), or "". */
    public String phaseReason() {
        return history.isEmpty() ? "" : history.getLast().reason();
    }

    public String option(String key, String dflt) {
        return options.getOrDefault(key, dflt);
    }

    /**
     * Moves to {@code next}, appending to the history; sets {@code started} on the first transferring phase and
     * {@code ended} on a final one. No table check here: callers that own the move check it with
     * {@link PhaseTransitions#check}; a remote system's observed phase is recorded as it is.
     */
    public Transfer withPhase(TransferPhase next, Instant at, String reason) {
        if (next == phase && !history.isEmpty()) {
            return this;
        }
        List<PhaseChange> h = new ArrayList<>(history);
        h.add(new PhaseChange(next, at, reason));
        Instant s = started == null && next == TransferPhase.TRANSFERRING ? at : started;
        Instant e = next.isFinal() ? (ended == null ? at : ended) : null;
        return new Transfer(id, provider, direction, name, source, target, next, nativeStatus, bytesDone, bytesTotal,
                objectsDone, objectsTotal, percent, counters, errors, subJobs, message, attributes, options, created, s,
                e, h);
    }

    /**
     * Appends a history entry that keeps the phase (a restore after restart, an extended session): the history
     * records why, the phase does not change.
     */
    public Transfer withHistoryNote(Instant at, String reason) {
        List<PhaseChange> h = new ArrayList<>(history);
        h.add(new PhaseChange(phase, at, reason));
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, bytesDone, bytesTotal,
                objectsDone, objectsTotal, percent, counters, errors, subJobs, message, attributes, options, created,
                started, ended, h);
    }

    public Transfer withBytes(long done, long total) {
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, done, total,
                objectsDone, objectsTotal, percent, counters, errors, subJobs, message, attributes, options, created,
                started, ended, history);
    }

    public Transfer withObjects(long done, long total) {
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, bytesDone, bytesTotal,
                done, total, percent, counters, errors, subJobs, message, attributes, options, created, started, ended,
                history);
    }

    public Transfer withPercent(double reported) {
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, bytesDone, bytesTotal,
                objectsDone, objectsTotal, reported, counters, errors, subJobs, message, attributes, options, created,
                started, ended, history);
    }

    public Transfer withNativeStatus(String status) {
        return new Transfer(id, provider, direction, name, source, target, phase, status, bytesDone, bytesTotal,
                objectsDone, objectsTotal, percent, counters, errors, subJobs, message, attributes, options, created,
                started, ended, history);
    }

    public Transfer withCounters(TransferCounters c) {
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, bytesDone, bytesTotal,
                objectsDone, objectsTotal, percent, c, errors, subJobs, message, attributes, options, created, started,
                ended, history);
    }

    public Transfer withErrors(ErrorBreakdown e) {
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, bytesDone, bytesTotal,
                objectsDone, objectsTotal, percent, counters, e, subJobs, message, attributes, options, created, started,
                ended, history);
    }

    public Transfer withSubJobs(List<SubJob> jobs) {
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, bytesDone, bytesTotal,
                objectsDone, objectsTotal, percent, counters, errors, jobs, message, attributes, options, created,
                started, ended, history);
    }

    public Transfer withMessage(String m) {
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, bytesDone, bytesTotal,
                objectsDone, objectsTotal, percent, counters, errors, subJobs, m, attributes, options, created, started,
                ended, history);
    }

    public Transfer withAttributes(Map<String, String> a) {
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, bytesDone, bytesTotal,
                objectsDone, objectsTotal, percent, counters, errors, subJobs, message, a, options, created, started,
                ended, history);
    }

    public Transfer withAttribute(String key, String value) {
        Map<String, String> a = new LinkedHashMap<>(attributes);
        a.put(key, value);
        return withAttributes(a);
    }

    public Transfer withOptions(Map<String, String> o) {
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, bytesDone, bytesTotal,
                objectsDone, objectsTotal, percent, counters, errors, subJobs, message, attributes, o, created, started,
                ended, history);
    }

    public Transfer withOption(String key, String value) {
        Map<String, String> o = new LinkedHashMap<>(options);
        o.put(key, value);
        return withOptions(o);
    }

    public Transfer withTimes(Instant startedAt, Instant endedAt) {
        return new Transfer(id, provider, direction, name, source, target, phase, nativeStatus, bytesDone, bytesTotal,
                objectsDone, objectsTotal, percent, counters, errors, subJobs, message, attributes, options, created,
                startedAt, endedAt, history);
    }
}
