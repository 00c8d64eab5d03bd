package io.ferry.cli;

import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferService;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows transfers on a running engine until each settles: the listener only queues events (it never blocks the
 * engine); the CLI's own thread takes them, and also asks the engine directly every quarter second so a missed
 * event cannot leave it waiting.
 */
final class TransferFollower implements AutoCloseable {
    private final TransferService service;
    private final BlockingQueue<TransferEvent> events = new LinkedBlockingQueue<>();
    private final AutoCloseable subscription;

    TransferFollower(TransferService service) {
        this.service = service;
        this.subscription = service.subscribe(events::add);
    }

    /**
     * A run is over for the CLI when the transfer finished (success, failure or cleanup), hit an unexpected error,
     * or a remote system reported it cancelled. Paused ones are waited for: the engine retries a paused_system
     * transfer after its backoff, and {@code ferry resume} from another shell continues a paused_user one here.
     */
    static boolean settled(TransferPhase p) {
        return switch (p) {
            case FINISHED_SUCCESS, FINISHED_FAILURE, FINISHED_CLEANUP, UNKNOWN, CANCELLED -> true;
            default -> false;
        };
    }

    /** Blocks until every id has settled; {@code onUpdate} sees each snapshot in order. Returns the last ones. */
    Map<String, Transfer> await(Set<String> ids, Consumer<Transfer> onUpdate) throws InterruptedException {
        Map<String, Transfer> last = new HashMap<>();
        while (true) {
            TransferEvent e = events.poll(250, TimeUnit.MILLISECONDS);
            if (e != null) {
                if (ids.contains(e.transfer().id())) {
                    last.put(e.transfer().id(), e.transfer());
                    onUpdate.accept(e.transfer());
                }
            } else {
                // quiet for a quarter second: ask the engine, in case an event was missed
                for (String id : ids) {
                    Transfer now = service.get(id).orElse(null);
                    if (now != null && !now.equals(last.get(id))) {
                        last.put(id, now);
                        onUpdate.accept(now);
                    }
                }
            }
            if (last.size() == ids.size() && last.values().stream().allMatch(t -> settled(t.phase()))) {
                return last;
            }
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // unsubscribing from a stopping engine
        }
    }
}
