package io.ferry.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Puts one mutated payload in front of an in-repo server: the first request that matches gets {@code body} as a
 * 200 JSON answer; every other request goes to the server as usual (so a watcher that survives the bad answer sees
 * the job end normally on its next poll).
 */
public final class MutantFirstDispatcher extends Dispatcher {
    private final Dispatcher server;
    private final Predicate<RecordedRequest> which;
    private final String body;
    private final AtomicBoolean served = new AtomicBoolean();

    public MutantFirstDispatcher(Dispatcher server, Predicate<RecordedRequest> which, String body) {
        this.server = server;
        this.which = which;
        this.body = body;
    }

    public boolean served() {
        return served.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (which.test(request) && served.compareAndSet(false, true)) {
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
        }
        return server.dispatch(request);
    }
}
