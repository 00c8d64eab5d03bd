package io.ferry.ui.connections;

import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.i18n.I18n;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The Connections manager: the saved profiles, add / edit / remove, and a Test per profile whose outcome stays
 * beside it in the list. Editing happens in a {@link ProfileEditorViewModel}, exposed as {@link #editorProperty()}.
 */
public final class ConnectionsViewModel {
    /** The outcome of the last test of a profile: passed or not, and its text. */
    public record TestOutcome(boolean running, boolean ok, String text) {}

    private final ConnectionsPort port;
    private final I18n i18n;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<Profile> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableMap<String, TestOutcome> outcomes = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<ProfileEditorViewModel> editor = new ReadOnlyObjectWrapper<>(this, "editor");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public ConnectionsViewModel(ConnectionsPort port, I18n i18n, Executor background, Executor ui) {
        this.port = port;
        this.i18n = i18n;
        this.background = background;
        this.ui = ui;
    }

    /** Reloads the list from the port (keeps the selection by id). */
    public void refresh() {
        refresh(selected.get() == null ? "" : selected.get().id());
    }

    private void refresh(String selectId) {
        background.execute(() -> {
            try {
                List<Profile> all = port.profiles().stream()
                        .sorted(Comparator.comparing((Profile p) -> p.name().toLowerCase(java.util.Locale.ROOT)).thenComparing(Profile::id))
                        .toList();
                ui.execute(() -> {
                    profiles.setAll(all);
                    selected.set(all.stream().filter(p -> p.id().equals(selectId)).findFirst().orElse(null));
                    error.set("");
                });
            } catch (ConnectionException | RuntimeException e) {
                String msg = i18n.get("connections.loadFailed", ProfileEditorViewModel.message(e));
                ui.execute(() -> error.set(msg));
            }
        });
    }

    /** Opens the editor for a new profile of {@code kind}. */
    public ProfileEditorViewModel add(Kind kind) {
        return open(new Profile("", kind, "", Map.of()), false);
    }

    /** Opens the editor for the selected profile (once the port says whether a secret is stored for it). */
    public void editSelected() {
        Profile p = selected.get();
        if (p == null) {
            return;
        }
        background.execute(() -> {
            boolean stored;
            try {
                stored = port.hasSecret(p.id());
            } catch (ConnectionException | RuntimeException e) {
                stored = false;
            }
            boolean s = stored;
            ui.execute(() -> open(p, s));
        });
    }

    private ProfileEditorViewModel open(Profile p, boolean secretStored) {
        ProfileEditorViewModel vm = new ProfileEditorViewModel(port, i18n, background, ui, p, secretStored, saved -> {
            editor.set(null);
            outcomes.remove(saved.id());
            refresh(saved.id());
        });
        editor.set(vm);
        return vm;
    }

    /** Leaves the editor without saving. */
    public void closeEditor() {
        editor.set(null);
    }

    /** Removes the selected profile and its stored secret. */
    public void removeSelected() {
        Profile p = selected.get();
        if (p == null) {
            return;
        }
        background.execute(() -> {
            try {
                port.delete(p.id());
                ui.execute(() -> outcomes.remove(p.id()));
                refresh("");
            } catch (ConnectionException | RuntimeException e) {
                String msg = i18n.get("connections.removeFailed", p.name(), ProfileEditorViewModel.message(e));
                ui.execute(() -> error.set(msg));
            }
        });
    }

    /** Tests the selected profile with its stored secret; the outcome shows beside it. */
    public void testSelected() {
        Profile p = selected.get();
        if (p == null) {
            return;
        }
        outcomes.put(p.id(), new TestOutcome(true, false, i18n.get("connections.test.running")));
        background.execute(() -> {
            TestOutcome out;
            try {
                out = new TestOutcome(false, true, port.test(p, null).summary());
            } catch (ConnectionException | RuntimeException e) {
                out = new TestOutcome(false, false, ProfileEditorViewModel.message(e));
            }
            TestOutcome result = out;
            ui.execute(() -> outcomes.put(p.id(), result));
        });
    }

    /** A one-line description of a profile for the list: its kind and where it points. */
    public String describe(Profile p) {
        String where = switch (p.kind()) {
            case OVIRT -> p.field(ProfileFields.USER) + " @ " + p.field(ProfileFields.ENGINE);
            case GCS -> p.field(ProfileFields.PROJECT) + " · " + (p.field(ProfileFields.KEY_FILE).isEmpty()
                    ? i18n.get("connections.gcs.adc") : p.field(ProfileFields.KEY_FILE));
            case ELEMENT -> p.field(ProfileFields.USERNAME) + " @ " + p.field(ProfileFields.MVIP);
            case IMS -> p.field(ProfileFields.USER) + " · " + p.field(ProfileFields.PROJECT) + " · " + p.field(ProfileFields.REGION);
        };
        return i18n.get("connections.kind." + p.kind().providerId()) + " — " + where;
    }

    public ObservableList<Profile> profiles() {
        return profiles;
    }

    public ObjectProperty<Profile> selectedProperty() {
        return selected;
    }

    public ObservableMap<String, TestOutcome> outcomes() {
        return outcomes;
    }

    public ReadOnlyObjectProperty<ProfileEditorViewModel> editorProperty() {
        return editor.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
