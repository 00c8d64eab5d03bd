package io.ferry.ui.common;

import io.ferry.domain.Direction;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** Icons for providers and directions; one place so the table, the detail pane and the sheet agree. */
public final class Icons {
    private Icons() {}

    public static Ikon provider(String providerId) {
        return switch (providerId == null ? "" : providerId) {
            case "local" -> MaterialDesignH.HARDDISK;
            case "ovirt" -> MaterialDesignS.SERVER;
            case "gcs" -> MaterialDesignC.CLOUD_OUTLINE;
            case "element" -> MaterialDesignD.DATABASE;
            case "ims" -> MaterialDesignI.IMAGE_MULTIPLE_OUTLINE;
            default -> MaterialDesignP.PACKAGE_VARIANT_CLOSED;
        };
    }

    public static Ikon direction(Direction d) {
        return switch (d) {
            case UPLOAD -> MaterialDesignA.ARROW_UP;
            case DOWNLOAD -> MaterialDesignA.ARROW_DOWN;
            case COPY -> MaterialDesignC.CONTENT_COPY;
            case WATCH -> MaterialDesignE.EYE_OUTLINE;
        };
    }

    public static FontIcon of(Ikon ikon, String... styleClasses) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().addAll(styleClasses);
        return i;
    }
}
