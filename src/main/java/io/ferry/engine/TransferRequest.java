package io.ferry.engine;

import io.ferry.domain.Direction;
import java.util.Map;
import java.util.Objects;

/**
 * What to start: a provider, a direction, where from and where to, and options (verify, overwrite, sync, remote
 * profile and ids…). For {@link Direction#WATCH} the source names the remote job or operation.
 */
public record TransferRequest(
        String provider, Direction direction, String name, String source, String target, Map<String, String> options) {
    public TransferRequest {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(direction, "direction");
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
