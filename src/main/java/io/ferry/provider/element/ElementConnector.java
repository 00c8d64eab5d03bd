package io.ferry.provider.element;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.Transfer;
import io.ferry.provider.TransferException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Gives the provider a client for a transfer's cluster (from its profile option). The app wires it to the
 * connection manager with {@link #byProfile}; tests point it at a local server.
 */
@FunctionalInterface
public interface ElementConnector {
    ElementClient connect(Transfer transfer) throws TransferException;

    /**
     * Looks the transfer's {@code element.profile} option up by name and keeps one client per profile (one TLS
     * context and connection pool per cluster). An unknown name is FAILED_PRECONDITION naming the profile.
     */
    static ElementConnector byProfile(Function<String, Optional<ElementProfile>> profiles) {
        Map<ElementProfile, ElementClient> clients = new ConcurrentHashMap<>();
        return t -> {
            String name = t.option(ElementOptions.PROFILE, "");
            ElementProfile p = profiles.apply(name).orElseThrow(() -> new TransferException(ErrorCode.FAILED_PRECONDITION, "",
                    "no Element profile named \"" + name + "\": add it in the connection manager"));
            ElementClient c = clients.get(p);
            if (c == null) {
                c = ElementClient.connect(p); // asks GetAPI when the profile's version is "auto"
                ElementClient raced = clients.putIfAbsent(p, c);
                c = raced != null ? raced : c;
            }
            return c;
        };
    }
}
