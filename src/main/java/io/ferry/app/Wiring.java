package io.ferry.app;

import io.ferry.engine.EngineSettings;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.TransferEngine;
import io.ferry.provider.Provider;
import io.ferry.provider.gcs.GcsProvider;
import io.ferry.store.Settings;
import java.util.List;

/** The production parts: the providers Ferry ships and the engine. */
final class Wiring {
    private Wiring() {}

    static List<Provider> providers() {
        return List.of(new GcsProvider());
    }

    static EngineFactory engineFactory() {
        return (journal, providers, settings) -> new TransferEngine(ProviderRegistry.of(providers), journal, engineSettings(settings));
    }

    /** The engine's settings from the stored ones (concurrency and bandwidth; the rest are the engine's defaults). */
    static EngineSettings engineSettings(Settings settings) {
        return EngineSettings.defaults()
                .withMaxConcurrent(settings.maxConcurrent())
                .withBandwidthLimit(settings.bandwidthLimit());
    }
}
