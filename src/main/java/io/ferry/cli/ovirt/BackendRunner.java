package io.ferry.cli.ovirt;

import io.ferry.cli.CliContext;
import io.ferry.domain.Transfer;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import java.util.function.Consumer;

/**
 * Runs the transfer through the data directory's runner (the store and the engine, as {@code ferry copy} does):
 * the transfer is in the history and resumable with {@code ferry resume}; Ctrl-C stops the runner, leaving it
 * resumable from its last checkpoint.
 */
final class BackendRunner implements TransferRunner {
    private final CliContext context;

    BackendRunner(CliContext context) {
        this.context = context;
    }

    @Override
    public Outcome run(TransferRequest request, Consumer<Transfer> progress) throws InterruptedException {
        try (TransferService service = context.backend().startRunner()) {
            Thread stop = new Thread(service::close, "ferry-ovirt-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                return new ServiceRunner(service).run(request, progress);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running and closes the service
                }
            }
        }
    }
}
