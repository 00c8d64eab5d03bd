package io.ferry.app;

import io.ferry.engine.EngineSettings;
import io.ferry.engine.ProviderRegistry;
import io.ferry.engine.TransferEngine;
import io.ferry.provider.Provider;
import io.ferry.provider.element.ElementConnector;
import io.ferry.provider.element.ElementProvider;
import io.ferry.provider.gcs.GcsProvider;
import io.ferry.provider.ims.ImsConnector;
import io.ferry.provider.ims.ImsProvider;
import io.ferry.provider.local.LocalProvider;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.engine.TransferWatch;
import java.time.Duration;
import io.ferry.store.Settings;
import java.util.List;

/** The production parts: the providers Ferry ships and the engine. */
final class Wiring {
    private Wiring() {}

    /** Every provider Ferry ships; the remote ones find their profiles (and secrets) through the services. */
    static List<Provider> providers(Services services) {
        ProviderProfiles profiles = new ProviderProfiles(services.store(), () -> services.secrets(null));
        return List.of(
                new LocalProvider(),
                new GcsProvider(),
                // GUI transfers name their profile (password from the secret store); CLI ones their password file
                new OvirtProvider(new ProfilePasswords(() -> services.secrets(null)), TransferWatch.Backoff.DEFAULT),
                new ElementProvider(ElementConnector.byProfile(profiles::element), Duration.ofSeconds(5)),
                new ImsProvider(ImsConnector.byProfile(profiles::ims), Duration.ofSeconds(10)));
    }

    static EngineFactory engineFactory() {
        return (journal, secrets, providers, settings) -> new TransferEngine(ProviderRegistry.of(providers), journal, secrets,
                engineSettings(settings));
    }

    /** The engine's settings from the stored ones (concurrency and bandwidth; the rest are the engine's defaults). */
    static EngineSettings engineSettings(Settings settings) {
        return EngineSettings.defaults()
                .withMaxConcurrent(settings.maxConcurrent())
                .withBandwidthLimit(settings.bandwidthLimit());
    }
}
