package io.ferry.provider.remote;

import io.ferry.domain.Transfer;
import io.ferry.provider.Provider;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import java.time.Duration;

/**
 * What the providers that follow a remote job (Element bulk volume jobs, IMS asynchronous jobs) share: their id,
 * the connector that gives a client for a transfer's profile, and a {@link PollLoop} paced by the transfer's
 * options or else the provider's default interval.
 *
 * @param <C> the system's client
 */
public abstract class RemoteJobProvider<C> implements Provider {

    /** Gives the client for a transfer (its profile's endpoint and credentials). */
    @FunctionalInterface
    public interface Connector<C> {
        C connect(Transfer transfer) throws TransferException;
    }

    private final String id;
    private final Connector<C> connector;
    private final Duration defaultInterval;

    protected RemoteJobProvider(String id, Connector<C> connector, Duration defaultInterval) {
        this.id = id;
        this.connector = connector;
        this.defaultInterval = defaultInterval;
    }

    @Override
    public final String id() {
        return id;
    }

    /** A client for {@code transfer}'s system. */
    protected final C connect(Transfer transfer) throws TransferException {
        return connector.connect(transfer);
    }

    /** Polls with {@code step} until the job is final, at the interval {@code t}'s options ask for. */
    protected final void pollUntilFinal(TransferContext ctx, Transfer t, PollLoop.Step step)
            throws TransferException, TransferStopped, InterruptedException {
        PollLoop.fromOptions(t, defaultInterval).run(ctx, step);
    }
}
