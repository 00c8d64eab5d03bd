package io.ferry.cli.ovirt;

import io.ferry.domain.Transfer;
import io.ferry.engine.TransferRequest;
import java.util.function.Consumer;

/** Runs one transfer for a CLI command and waits for its end: in this process, or through the TransferService. */
public interface TransferRunner {

    /** How a run ended: the last snapshot, and the error message when it failed ("" otherwise). */
    record Outcome(Transfer transfer, String error, String errorCode) {
        public boolean ok() {
            return error.isEmpty() && transfer.phase() == io.ferry.domain.TransferPhase.FINISHED_SUCCESS;
        }
    }

    Outcome run(TransferRequest request, Consumer<Transfer> progress) throws InterruptedException;
}
