package io.ferry.ui.common;

import io.ferry.domain.PhaseAction;
import java.util.Optional;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * Every command of the window: its text key, icon and keyboard shortcut ("Shortcut" is Ctrl, or Cmd on macOS), and
 * for the phase actions the {@link PhaseAction} the transition table is asked about. Toolbar buttons, menu items
 * and context-menu items are all made from this one table.
 */
public enum Actions {
    NEW_TRANSFER("action.newTransfer", MaterialDesignP.PLUS, "Shortcut+N", null),
    NEW_FOLDER_TRANSFER("action.newFolderTransfer", MaterialDesignF.FOLDER_PLUS_OUTLINE, "Shortcut+Shift+N", null),
    PAUSE("action.pause", MaterialDesignP.PAUSE, "Shortcut+P", PhaseAction.PAUSE),
    RESUME("action.resume", MaterialDesignP.PLAY, "Shortcut+R", PhaseAction.RESUME),
    CANCEL("action.cancel", MaterialDesignC.CLOSE_CIRCLE_OUTLINE, "Shortcut+PERIOD", PhaseAction.CANCEL),
    FINALIZE("action.finalize", MaterialDesignC.CHECK_DECAGRAM, "Shortcut+Shift+F", PhaseAction.FINALIZE),
    EXTEND("action.extend", MaterialDesignT.TIMER_PLUS_OUTLINE, "Shortcut+Shift+E", PhaseAction.EXTEND),
    RETRY("action.retry", MaterialDesignR.REFRESH, "Shortcut+Shift+R", PhaseAction.RETRY),
    REMOVE("action.remove", MaterialDesignD.DELETE_OUTLINE, "Delete", null),
    REVEAL("action.reveal", MaterialDesignF.FOLDER_OPEN_OUTLINE, "Shortcut+Shift+O", null),
    COPY_JSON("action.copyJson", MaterialDesignC.CODE_JSON, "Shortcut+Shift+C", null),
    FILTER("action.filter", MaterialDesignF.FILTER_OUTLINE, "Shortcut+F", null),
    SETTINGS("action.settings", MaterialDesignC.COG_OUTLINE, "Shortcut+COMMA", null),
    QUIT("action.quit", MaterialDesignE.EXIT_TO_APP, "Shortcut+Q", null);

    private final String textKey;
    private final Ikon icon;
    private final String keys;
    private final PhaseAction phaseAction;

    Actions(String textKey, Ikon icon, String keys, PhaseAction phaseAction) {
        this.textKey = textKey;
        this.icon = icon;
        this.keys = keys;
        this.phaseAction = phaseAction;
    }

    public String textKey() {
        return textKey;
    }

    public Ikon icon() {
        return icon;
    }

    public KeyCombination keys() {
        return KeyCombination.keyCombination(keys);
    }

    /** The transition-table action behind this command, for pause … retry. */
    public Optional<PhaseAction> phaseAction() {
        return Optional.ofNullable(phaseAction);
    }

    /** The commands that act on the selected transfers. */
    public static final Actions[] ON_SELECTION = {PAUSE, RESUME, CANCEL, FINALIZE, EXTEND, RETRY, REMOVE, REVEAL};
}
