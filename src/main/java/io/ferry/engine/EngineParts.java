package io.ferry.engine;

import java.time.Clock;
import java.util.random.RandomGenerator;

/** What every part of one engine shares. */
final class EngineParts {
    final TransferJournal journal;
    final EventHub events;
    final Clock clock;
    final Sleeper sleeper;
    final TokenBucket bucket;
    final EngineSettings settings;
    final RandomGenerator random;
    final ProviderRegistry providers;
    final TransferSecrets secrets;
    /** Set by close(): workers stop at their next checkpoint and nothing new starts. */
    volatile boolean closing;
    /** Cleared once close() has given up waiting: nothing is written to the journal after that. */
    volatile boolean journalOpen = true;

    EngineParts(TransferJournal journal, EventHub events, Clock clock, Sleeper sleeper, TokenBucket bucket,
            EngineSettings settings, RandomGenerator random, ProviderRegistry providers, TransferSecrets secrets) {
        this.journal = journal;
        this.events = events;
        this.clock = clock;
        this.sleeper = sleeper;
        this.bucket = bucket;
        this.settings = settings;
        this.random = random;
        this.providers = providers;
        this.secrets = secrets;
    }
}
