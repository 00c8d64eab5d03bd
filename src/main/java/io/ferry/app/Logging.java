package io.ferry.app;

import java.nio.file.Path;

/** Points logback.xml's file appender at {@code <data dir>/logs} before the first logger is created. */
final class Logging {
    static final String LOG_DIR_PROPERTY = "ferry.logDir";

    private Logging() {}

    static void configure(Path dataDir) {
        if (System.getProperty(LOG_DIR_PROPERTY) == null) {
            System.setProperty(LOG_DIR_PROPERTY, dataDir.resolve("logs").toString());
        }
    }
}
