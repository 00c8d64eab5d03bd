package io.ferry.ui.common;

import io.ferry.domain.PhaseGroup;
import io.ferry.domain.TransferPhase;
import java.util.Locale;

/** Bundle keys derived from domain values (plain Java, so view models can use them without the toolkit). */
public final class Keys {
    private Keys() {}

    public static String phase(TransferPhase p) {
        return "phase." + p.apiName();
    }

    public static String group(PhaseGroup g) {
        return "group." + g.name().toLowerCase(Locale.ROOT);
    }
}
