package io.ferry.ui;

import io.ferry.domain.TransferPhase;
import io.ferry.ui.common.Icons;
import io.ferry.ui.i18n.I18n;
import io.ferry.ui.transfers.TransferRow;
import java.util.function.Consumer;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * Finish and failure notifications (ControlsFX popups in the window's corner). Only final outcomes are announced;
 * more than three at once collapse into one summary. Clicking one selects its row.
 */
final class Notifier {
    private final Window owner;
    private final I18n i18n;
    private final Consumer<TransferRow> select;

    Notifier(Window owner, I18n i18n, Consumer<TransferRow> select) {
        this.owner = owner;
        this.i18n = i18n;
        this.select = select;
    }

    void announce(TransferRow row, TransferPhase phase) {
        if (owner == null || !owner.isShowing()) {
            return;
        }
        boolean ok = phase == TransferPhase.FINISHED_SUCCESS;
        String name = row.transfer().name();
        Notifications n = Notifications.create()
                .owner(owner)
                .title(i18n.get(ok ? "notify.finished.title" : "notify.failed.title"))
                .text(i18n.get(ok ? "notify.finished.text" : "notify.failed.text", name, row.transfer().phaseReason()))
                .graphic(Icons.of(ok ? MaterialDesignC.CHECK_CIRCLE_OUTLINE : MaterialDesignA.ALERT_CIRCLE_OUTLINE,
                        ok ? "notify-ok" : "notify-failed"))
                .hideAfter(Duration.seconds(ok ? 6 : 12))
                .threshold(3, Notifications.create().owner(owner).title(i18n.get("notify.many.title"))
                        .text(i18n.get("notify.many.text")))
                .onAction(e -> select.accept(row));
        n.show();
    }
}
