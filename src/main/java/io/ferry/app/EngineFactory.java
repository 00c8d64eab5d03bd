package io.ferry.app;

import io.ferry.engine.TransferJournal;
import io.ferry.engine.TransferSecrets;
import io.ferry.engine.TransferService;
import io.ferry.provider.Provider;
import io.ferry.store.Settings;
import java.util.List;

/** Builds the transfer engine over a journal, where requests' secrets are kept, the providers and the settings. */
@FunctionalInterface
public interface EngineFactory {
    TransferService create(TransferJournal journal, TransferSecrets secrets, List<Provider> providers, Settings settings);
}
