package io.ferry.ui.common;

import io.ferry.domain.PhaseGroup;
import io.ferry.domain.TransferPhase;
import io.ferry.ui.i18n.I18n;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/**
 * A transfer's phase as a small coloured pill: the localized phase name, coloured by its group through a pseudo
 * class ({@code :active}, {@code :paused}, {@code :finished}, {@code :failed}, {@code :cancelled}), with the
 * provider's own status and the reason in its tooltip and accessible text.
 */
public final class PhaseBadge extends Label {
    private static final PseudoClass[] GROUPS = new PseudoClass[PhaseGroup.values().length];

    static {
        for (PhaseGroup g : PhaseGroup.values()) {
            GROUPS[g.ordinal()] = PseudoClass.getPseudoClass(g.name().toLowerCase(Locale.ROOT));
        }
    }

    private final Tooltip tooltip = new Tooltip();

    public PhaseBadge() {
        getStyleClass().add("phase-badge");
        setMinWidth(USE_PREF_SIZE);
    }


    /** Shows {@code phase}; {@code nativeStatus} and {@code reason} go to the tooltip when not blank. */
    public void show(TransferPhase phase, String nativeStatus, String reason, I18n i18n) {
        if (phase == null) {
            setText(null);
            setTooltip(null);
            for (PseudoClass pc : GROUPS) {
                pseudoClassStateChanged(pc, false);
            }
            return;
        }
        String label = i18n.get(Keys.phase(phase));
        setText(label);
        for (PhaseGroup g : PhaseGroup.values()) {
            pseudoClassStateChanged(GROUPS[g.ordinal()], g == phase.group());
        }
        StringBuilder tip = new StringBuilder(label).append(" (").append(phase.apiName()).append(')');
        if (nativeStatus != null && !nativeStatus.isBlank()) {
            tip.append('\n').append(i18n.get("phase.nativeStatus", nativeStatus));
        }
        if (reason != null && !reason.isBlank()) {
            tip.append('\n').append(reason);
        }
        tooltip.setText(tip.toString());
        setTooltip(tooltip);
        setAccessibleText(tip.toString());
    }
}
