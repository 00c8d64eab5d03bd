package io.ferry.provider.ims;

import io.ferry.domain.Transfer;
import io.ferry.provider.TransferException;

/**
 * Gives the provider a client for a transfer's account (from its profile option). Return the same client for
 * the same profile so transfers share one IAM token.
 */
@FunctionalInterface
public interface ImsConnector {
    ImsClient connect(Transfer transfer) throws TransferException;
}
