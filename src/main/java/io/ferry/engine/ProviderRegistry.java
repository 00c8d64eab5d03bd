package io.ferry.engine;

import io.ferry.provider.Provider;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The providers an engine can run, by id. */
public final class ProviderRegistry {
    private final Map<String, Provider> byId;

    private ProviderRegistry(Map<String, Provider> byId) {
        this.byId = byId;
    }

    public static ProviderRegistry of(Provider... providers) {
        return of(List.of(providers));
    }

    public static ProviderRegistry of(Collection<? extends Provider> providers) {
        Map<String, Provider> m = new LinkedHashMap<>();
        for (Provider p : providers) {
            if (m.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("two providers with id '" + p.id() + "'");
            }
        }
        return new ProviderRegistry(m);
    }

    /** From a map keyed by provider id. */
    public static ProviderRegistry of(Map<String, ? extends Provider> providers) {
        return new ProviderRegistry(new LinkedHashMap<>(providers));
    }

    public Optional<Provider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
