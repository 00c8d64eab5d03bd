package io.ferry.ui.about;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The About dialog: icon, version, build commit, Java and JavaFX, and a searchable table of the bundled libraries
 * and their licenses, with "Copy" for bug reports. Binds to {@link AboutViewModel}; holds no state of its own.
 */
public final class AboutView {
    /** Stage icon and the dialog's logo, also usable by the main window: {@code Stage.getIcons()}. */
    public static final String ICON_256 = "/io/ferry/ui/icons/ferry-256.png";
    public static final String ICON_64 = "/io/ferry/ui/icons/ferry-64.png";

    private final AboutViewModel model;

    public AboutView(AboutViewModel model) {
        this.model = model;
    }

    /** Opens the dialog, modal to {@code owner}. */
    public static void show(Window owner, AboutViewModel model) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("About Ferry");
        stage.getIcons().add(new Image(AboutView.class.getResource(ICON_256).toExternalForm()));
        stage.setScene(new Scene(new AboutView(model).root(), 640, 520));
        stage.show();
    }

    public Parent root() {
        ImageView logo = new ImageView(new Image(AboutView.class.getResource(ICON_64).toExternalForm()));
        logo.setAccessibleText("Ferry logo");
        Label title = new Label(model.title());
        title.getStyleClass().add("title-2");

        GridPane facts = new GridPane(12, 4);
        String[][] rows = {
            {"Version", model.version()}, {"Build commit", model.commit()}, {"Java", model.java()}, {"JavaFX", model.javaFx()}
        };
        for (int i = 0; i < rows.length; i++) {
            Label key = new Label(rows[i][0]);
            key.getStyleClass().add("text-muted");
            Label value = new Label(rows[i][1]);
            value.setId("about-" + rows[i][0].toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            facts.addRow(i, key, value);
        }
        HBox header = new HBox(16, logo, new VBox(6, title, facts));
        header.setAlignment(Pos.CENTER_LEFT);

        TextField search = new TextField();
        search.setPromptText("Search libraries or licenses");
        search.textProperty().bindBidirectional(model.filterProperty());
        Label shown = new Label();
        shown.textProperty().bind(model.shownProperty());
        HBox.setHgrow(search, Priority.ALWAYS);

        TableView<LibraryLicense> table = new TableView<>(model.libraries());
        table.setId("about-libraries");
        table.getColumns().add(column("Library", 170, LibraryLicense::name));
        table.getColumns().add(column("License", 240, LibraryLicense::licenses));
        table.getColumns().add(column("Artifact", 230, LibraryLicense::coordinates));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setTooltip(new Tooltip(model.licenseSummary()));
        VBox.setVgrow(table, Priority.ALWAYS);

        Button copy = new Button("Copy");
        copy.setTooltip(new Tooltip("Copy version, runtime and library list for a bug report"));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.report());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button close = new Button("Close");
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setOnAction(e -> close.getScene().getWindow().hide());
        HBox buttons = new HBox(8, copy, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox center = new VBox(8, new HBox(8, search, shown), table);
        center.setPadding(new Insets(12, 0, 12, 0));
        HBox.setHgrow(center, Priority.ALWAYS);
        BorderPane root = new BorderPane(center, header, null, buttons, null);
        root.setPadding(new Insets(16));
        return root;
    }

    private static TableColumn<LibraryLicense, String> column(
            String name, double width, java.util.function.Function<LibraryLicense, String> value) {
        TableColumn<LibraryLicense, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }
}
