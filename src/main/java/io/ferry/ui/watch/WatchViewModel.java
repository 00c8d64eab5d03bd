package io.ferry.ui.watch;

import io.ferry.domain.Direction;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import io.ferry.ui.connections.ConnectionException;
import io.ferry.ui.connections.ConnectionsPort;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ConnectionsPort.RecentJob;
import io.ferry.ui.i18n.I18n;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Watch…": pick a Google Storage Transfer, Element or IMS connection, then type a job or operation id or pick
 * one of the account's recent ones; {@link #add()} submits it as a {@link Direction#WATCH} transfer to the
 * connection's provider with the connection's options.
 */
public final class WatchViewModel {
    public static final int RECENT_LIMIT = 50;

    private final ConnectionsPort port;
    private final TransferService service;
    private final I18n i18n;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<Profile> connections = FXCollections.observableArrayList();
    private final ObjectProperty<Profile> connection = new SimpleObjectProperty<>(this, "connection");
    private final StringProperty jobId = new SimpleStringProperty(this, "jobId", "");
    private final ObservableList<RecentJob> recent = FXCollections.observableArrayList();
    private final ObjectProperty<RecentJob> pickedRecent = new SimpleObjectProperty<>(this, "pickedRecent");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper recentMessage = new ReadOnlyStringWrapper(this, "recentMessage", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper canAdd = new ReadOnlyBooleanWrapper(this, "canAdd");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");

    public WatchViewModel(ConnectionsPort port, TransferService service, I18n i18n, Executor background, Executor ui) {
        this.port = port;
        this.service = service;
        this.i18n = i18n;
        this.background = background;
        this.ui = ui;
        connection.addListener((o, was, now) -> {
            recent.clear();
            recentMessage.set("");
            error.set("");
        });
        pickedRecent.addListener((o, was, now) -> {
            if (now != null) {
                jobId.set(now.id());
            }
        });
        for (Observable o : List.of(connection, jobId, i18n.localeProperty())) {
            o.addListener(x -> validate());
        }
        validate();
    }

    /** Loads the connections that can be watched (and picks the first). */
    public void load() {
        background.execute(() -> {
            try {
                List<Profile> all = port.profiles().stream().filter(p -> p.kind().watchable()).toList();
                ui.execute(() -> {
                    connections.setAll(all);
                    if (connection.get() == null && !all.isEmpty()) {
                        connection.set(all.getFirst());
                    }
                    if (all.isEmpty()) {
                        error.set(i18n.get("watch.noConnections"));
                    }
                });
            } catch (ConnectionException | RuntimeException e) {
                String msg = message(e);
                ui.execute(() -> error.set(msg));
            }
        });
    }

    /** Lists the chosen account's recent jobs or operations, newest first. */
    public void loadRecent() {
        Profile p = connection.get();
        if (!canList(p)) {
            return;
        }
        loading.set(true);
        recentMessage.set(i18n.get("watch.recent.loading"));
        background.execute(() -> {
            try {
                List<RecentJob> jobs = port.recentJobs(p.id(), RECENT_LIMIT);
                ui.execute(() -> {
                    if (p.equals(connection.get())) {
                        recent.setAll(jobs);
                        recentMessage.set(jobs.isEmpty() ? i18n.get("watch.recent.none") : "");
                    }
                    loading.set(false);
                });
            } catch (ConnectionException | RuntimeException e) {
                String msg = i18n.get("watch.recent.failed", message(e));
                ui.execute(() -> {
                    recent.clear();
                    recentMessage.set(msg);
                    loading.set(false);
                });
            }
        });
    }

    private void validate() {
        String p = check();
        problem.set(p);
        canAdd.set(p.isEmpty());
    }

    private String check() {
        Profile p = connection.get();
        if (p == null) {
            return i18n.get("watch.problem.connection");
        }
        String id = jobId.get().strip();
        if (id.isEmpty()) {
            return i18n.get("watch.problem.id." + p.kind().providerId());
        }
        if (id.chars().anyMatch(Character::isWhitespace)) {
            return i18n.get("watch.problem.spaces", id);
        }
        return "";
    }

    /** The request {@link #add()} submits (options from the connection, never its secret). */
    public TransferRequest request() throws ConnectionException {
        Profile p = connection.get();
        String id = jobId.get().strip();
        Map<String, String> options = new java.util.LinkedHashMap<>(port.transferOptions(p.id()));
        switch (p.kind()) {
            case ELEMENT -> options.put(io.ferry.provider.element.ElementOptions.KEY, id);
            case IMS -> options.put(io.ferry.provider.ims.ImsOptions.JOB_ID, id);
            default -> {}
        }
        return new TransferRequest(p.kind().providerId(), Direction.WATCH, displayName(p.kind(), id), id, "", options);
    }

    private String displayName(Kind kind, String id) {
        RecentJob picked = pickedRecent.get();
        if (picked != null && picked.id().equals(id) && !picked.label().isBlank()) {
            return picked.label();
        }
        String shortId = id.contains("/") ? id.substring(id.lastIndexOf('/') + 1) : id;
        return i18n.get("watch.name." + kind.providerId(), shortId);
    }

    /** Submits the watch; {@link #doneProperty()} turns true when the engine accepted it. */
    public void add() {
        validate();
        if (!canAdd.get()) {
            return;
        }
        Profile p = connection.get();
        error.set("");
        background.execute(() -> {
            try {
                TransferRequest r = request();
                service.submit(r);
                ui.execute(() -> done.set(true));
            } catch (ConnectionException | RuntimeException e) {
                String msg = i18n.get("watch.addFailed", p.name(), message(e));
                ui.execute(() -> error.set(msg));
            }
        });
    }

    /** Whether the chosen connection's system can list its recent jobs (IMS has no job list: enter the id). */
    public static boolean canList(Profile p) {
        return p != null && (p.kind() == Kind.GCS || p.kind() == Kind.ELEMENT);
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    public ObservableList<Profile> connections() {
        return connections;
    }

    public ObjectProperty<Profile> connectionProperty() {
        return connection;
    }

    public StringProperty jobIdProperty() {
        return jobId;
    }

    public ObservableList<RecentJob> recent() {
        return recent;
    }

    public ObjectProperty<RecentJob> pickedRecentProperty() {
        return pickedRecent;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty recentMessageProperty() {
        return recentMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canAddProperty() {
        return canAdd.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }
}
