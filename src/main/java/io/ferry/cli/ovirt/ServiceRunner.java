package io.ferry.cli.ovirt;

import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.engine.TransferEvent;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the transfer through the shared {@link TransferService} (queue, store, retries) and follows its events
 * until it ends: a final phase, or paused (the service keeps it; the GUI or {@code ferry resume} continues it).
 */
public final class ServiceRunner implements TransferRunner {
    private final TransferService service;

    public ServiceRunner(TransferService service) {
        this.service = service;
    }

    @Override
    @SuppressWarnings("try") // the subscription is held while waiting
    public Outcome run(TransferRequest request, Consumer<Transfer> progress) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Transfer> last = new AtomicReference<>();
        AtomicReference<String> id = new AtomicReference<>();
        try (AutoCloseable sub = service.subscribe(e -> {
            Transfer t = e.transfer();
            if (id.get() == null || !id.get().equals(t.id())) {
                return;
            }
            last.set(t);
            progress.accept(t);
            if (t.phase().isFinal() || t.phase().isPaused() || e.kind() == TransferEvent.Kind.REMOVED) {
                done.countDown();
            }
        })) {
            Transfer first = service.submit(request);
            id.set(first.id());
            last.compareAndSet(null, first);
            service.get(first.id()).ifPresent(t -> {
                if (t.phase().isFinal() || t.phase().isPaused()) {
                    last.set(t);
                    done.countDown();
                }
            });
            done.await();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception closing) {
            // unsubscribing failed: the outcome below is still right
        }
        Transfer t = last.get();
        boolean failed = t.phase() != TransferPhase.FINISHED_SUCCESS;
        String code = t.errors().summaries().isEmpty() ? "" : t.errors().summaries().getFirst().errorCode().name();
        return new Outcome(t, failed ? (t.message().isEmpty() ? t.phase().apiName() + ": " + t.phaseReason() : t.message())
                : "", code);
    }
}
