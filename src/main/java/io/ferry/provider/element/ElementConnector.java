package io.ferry.provider.element;

import io.ferry.domain.Transfer;
import io.ferry.provider.TransferException;

/**
 * Gives the provider a client for a transfer's cluster (from its profile option). The app wires it to the
 * connection manager; tests point it at a local server.
 */
@FunctionalInterface
public interface ElementConnector {
    ElementClient connect(Transfer transfer) throws TransferException;
}
