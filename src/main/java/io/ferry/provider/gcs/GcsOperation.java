package io.ferry.provider.gcs;

import io.ferry.domain.Counter;
import io.ferry.domain.ErrorBreakdown;
import io.ferry.domain.TransferCounters;
import io.ferry.domain.TransferPhase;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One Storage Transfer operation as Ferry reads it: the {@code google.longrunning.Operation} wrapper and its
 * {@code TransferOperation} metadata (seed 002). The outcome is {@link #status()} — a FAILED operation is
 * {@code done: true} with an Empty response and no {@code error}.
 *
 * @param name            {@code transferOperations/…}
 * @param status          the status mapped onto a phase, with the raw text kept
 * @param done            the wrapper's {@code done} (missing counts as false)
 * @param startTime       null when absent or unparseable (then {@link #problems()} says so)
 * @param source          a readable form of the transfer spec's source ({@code s3://bucket}, {@code gs://…}), or ""
 * @param sink            the same for the sink
 * @param error           the wrapper's {@code error} (google.rpc.Status), or null
 * @param problems        what could not be read (a bad counter, a bad timestamp): shown, never fatal
 */
public record GcsOperation(
        String name,
        String projectId,
        String transferJobName,
        GcsStatusMapping.Mapped status,
        boolean done,
        TransferCounters counters,
        ErrorBreakdown errorBreakdowns,
        Instant startTime,
        Instant endTime,
        String source,
        String sink,
        RpcStatus error,
        List<String> problems) {

    public GcsOperation {
        name = Objects.requireNonNullElse(name, "");
        projectId = Objects.requireNonNullElse(projectId, "");
        transferJobName = Objects.requireNonNullElse(transferJobName, "");
        Objects.requireNonNull(status, "status");
        counters = Objects.requireNonNullElse(counters, TransferCounters.EMPTY);
        errorBreakdowns = Objects.requireNonNullElse(errorBreakdowns, ErrorBreakdown.EMPTY);
        source = Objects.requireNonNullElse(source, "");
        sink = Objects.requireNonNullElse(sink, "");
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The wrapper's {@code error}: {@code {code, message}} with the code a google.rpc number. */
    public record RpcStatus(int code, String message) {}

    public TransferPhase phase() {
        return status.phase();
    }

    public String rawStatus() {
        return status.nativeStatus();
    }

    public long bytesCopied() {
        return counters.get(Counter.BYTES_COPIED_TO_SINK);
    }

    /** bytesFoundFromSource, or -1 when the server has not reported it yet. */
    public long bytesFound() {
        return counters.has(Counter.BYTES_FOUND_FROM_SOURCE) ? counters.get(Counter.BYTES_FOUND_FROM_SOURCE) : -1;
    }

    public long objectsCopied() {
        return counters.get(Counter.OBJECTS_COPIED_TO_SINK);
    }

    /** objectsFoundFromSource, or -1 when not reported yet. */
    public long objectsFound() {
        return counters.has(Counter.OBJECTS_FOUND_FROM_SOURCE) ? counters.get(Counter.OBJECTS_FOUND_FROM_SOURCE) : -1;
    }

    /** bytesCopiedToSink / bytesFoundFromSource as 0–100, or -1 when nothing was found yet. */
    public double bytesPercent() {
        return percent(bytesCopied(), bytesFound());
    }

    /** objectsCopiedToSink / objectsFoundFromSource as 0–100, or -1. */
    public double objectsPercent() {
        return percent(objectsCopied(), objectsFound());
    }

    private static double percent(long done, long found) {
        if (found <= 0) {
            return -1;
        }
        return Math.min(100.0, 100.0 * done / found);
    }

    /** The name without its {@code transferOperations/} prefix, as gcloud shows it. */
    public String shortName() {
        return GcsNames.stripOperationPrefix(name);
    }
}
