package io.ferry.ui.newtransfer;

import io.ferry.domain.Direction;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import io.ferry.ui.i18n.I18n;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The New transfer sheet: the dropped or chosen files and folders, the destination (a local folder; remote systems
 * join as their providers land), and the options verify and overwrite. {@link #confirm()} submits one transfer per
 * source to the engine. Validation says what is wrong and what to do, before anything starts.
 */
public final class NewTransferViewModel {
    public static final String LOCAL = "local";

    /** Sources that can be transferred, and a message for those that cannot (empty when all can). */
    public record Intake(List<Path> usable, String problem) {}

    private final TransferService service;
    private final I18n i18n;
    private final Executor background;
    private final Executor ui;
    private final BooleanSupplier verifyDefault;

    private final ObservableList<Path> sources = FXCollections.observableArrayList();
    private final ObjectProperty<Path> destination = new SimpleObjectProperty<>(this, "destination");
    private final BooleanProperty verify = new SimpleBooleanProperty(this, "verify", true);
    private final BooleanProperty overwrite = new SimpleBooleanProperty(this, "overwrite", false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper canConfirm = new ReadOnlyBooleanWrapper(this, "canConfirm");
    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(this, "showing");
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper(this, "lastError", "");

    public NewTransferViewModel(
            TransferService service, I18n i18n, Executor background, Executor ui, BooleanSupplier verifyDefault) {
        this.service = service;
        this.i18n = i18n;
        this.background = background;
        this.ui = ui;
        this.verifyDefault = verifyDefault;
        for (Observable o : new Observable[] {sources, destination, overwrite, i18n.localeProperty()}) {
            o.addListener(x -> validate());
        }
        validate();
    }

    /** Sorts dropped or chosen paths into usable ones and a message naming the rest and why. */
    public Intake intake(List<Path> paths) {
        List<Path> usable = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
                rejected.add(i18n.get("newTransfer.reject.missing", p.toString()));
            } else if (!Files.isReadable(p)) {
                rejected.add(i18n.get("newTransfer.reject.unreadable", p.toString()));
            } else if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
                rejected.add(i18n.get("newTransfer.reject.special", p.toString()));
            } else {
                usable.add(p.toAbsolutePath().normalize());
            }
        }
        if (paths.isEmpty()) {
            rejected.add(i18n.get("newTransfer.reject.nothing"));
        }
        return new Intake(usable, String.join("\n", rejected));
    }

    /** Opens the sheet for {@code paths}; returns the message about unusable ones ("" when all are usable). */
    public String open(List<Path> paths) {
        Intake in = intake(paths);
        if (in.usable().isEmpty()) {
            return in.problem();
        }
        sources.setAll(in.usable());
        verify.set(verifyDefault.getAsBoolean());
        overwrite.set(false);
        lastError.set("");
        showing.set(true);
        return in.problem();
    }

    public void dismiss() {
        showing.set(false);
    }

    private void validate() {
        String p = check();
        problem.set(p);
        canConfirm.set(p.isEmpty());
    }

    private String check() {
        if (sources.isEmpty()) {
            return i18n.get("newTransfer.problem.noSources");
        }
        Path dest = destination.get();
        if (dest == null) {
            return i18n.get("newTransfer.problem.noDestination");
        }
        if (!Files.isDirectory(dest)) {
            return i18n.get("newTransfer.problem.notFolder", dest.toString());
        }
        if (!Files.isWritable(dest)) {
            return i18n.get("newTransfer.problem.notWritable", dest.toString());
        }
        for (Path s : sources) {
            Path target = targetFor(s, dest);
            if (target.equals(s) || dest.startsWith(s)) {
                return i18n.get("newTransfer.problem.ontoItself", s.getFileName().toString());
            }
            if (Files.exists(target) && !overwrite.get()) {
                return i18n.get("newTransfer.problem.exists", s.getFileName().toString());
            }
        }
        return "";
    }

    private static Path targetFor(Path source, Path destinationFolder) {
        return destinationFolder.toAbsolutePath().normalize().resolve(source.getFileName().toString());
    }

    /** The requests {@link #confirm()} would submit. */
    public List<TransferRequest> requests() {
        Path dest = destination.get();
        List<TransferRequest> out = new ArrayList<>();
        for (Path s : sources) {
            out.add(new TransferRequest(LOCAL, Direction.COPY, s.getFileName().toString(), s.toString(),
                    targetFor(s, dest).toString(),
                    Map.of("verify", Boolean.toString(verify.get()), "overwrite", Boolean.toString(overwrite.get()))));
        }
        return out;
    }

    /** Starts one transfer per source and closes the sheet. Does nothing while {@link #canConfirmProperty()} is false. */
    public void confirm() {
        validate();
        if (!canConfirm.get()) {
            return;
        }
        List<TransferRequest> requests = requests();
        showing.set(false);
        background.execute(() -> {
            for (TransferRequest r : requests) {
                try {
                    service.submit(r);
                } catch (RuntimeException e) {
                    String msg = i18n.get("newTransfer.submitFailed", r.name(), String.valueOf(e.getMessage()));
                    ui.execute(() -> lastError.set(msg));
                }
            }
        });
    }

    public ObservableList<Path> sources() {
        return sources;
    }

    public ObjectProperty<Path> destinationProperty() {
        return destination;
    }

    public BooleanProperty verifyProperty() {
        return verify;
    }

    public BooleanProperty overwriteProperty() {
        return overwrite;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canConfirmProperty() {
        return canConfirm.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty showingProperty() {
        return showing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }
}
