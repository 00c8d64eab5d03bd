package io.ferry.provider.ims;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.provider.TransferException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Gives the provider a client for a transfer's account (from its profile option). The app wires it to the
 * connection manager with {@link #byProfile}; tests point it at a local server.
 */
@FunctionalInterface
public interface ImsConnector {
    ImsClient connect(Transfer transfer) throws TransferException;

    /**
     * Looks the transfer's {@code ims.profile} option up by name and keeps one client per profile, so every
     * transfer of an account shares one IAM token (and one record of rejected credentials). An unknown name is
     * FAILED_PRECONDITION naming the profile.
     */
    static ImsConnector byProfile(Function<String, Optional<ImsProfile>> profiles) {
        Map<ImsProfile, ImsClient> clients = new ConcurrentHashMap<>();
        return t -> {
            String name = t.option(ImsOptions.PROFILE, "");
            ImsProfile p = profiles.apply(name).orElseThrow(() -> new TransferException(ErrorCode.FAILED_PRECONDITION, "",
                    "no IMS profile named \"" + name + "\": add it in the connection manager"));
            try {
                return clients.computeIfAbsent(p, ImsClient::new);
            } catch (IllegalArgumentException e) {
                throw new TransferException(ErrorCode.FAILED_PRECONDITION, p.caFile(),
                        e.getMessage() + ": fix the profile's CA file in the connection manager", e);
            }
        };
    }
}
