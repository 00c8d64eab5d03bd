package io.ferry.ui.ovirt;

import io.ferry.domain.Direction;
import io.ferry.engine.TransferRequest;
import io.ferry.engine.TransferService;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.OvirtProvider;
import io.ferry.provider.ovirt.image.DiskImage;
import io.ferry.provider.ovirt.image.DiskImageProbe;
import io.ferry.provider.ovirt.image.UnsupportedImageException;
import io.ferry.ui.connections.ConnectionException;
import io.ferry.ui.connections.ConnectionsPort;
import io.ferry.ui.connections.ConnectionsPort.Disk;
import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.connections.ConnectionsPort.StorageDomain;
import io.ferry.ui.i18n.I18n;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Upload a disk image to oVirt (connection, storage domain, disk name, format) or download a disk picked from the
 * engine's list to a local folder. The image is probed first: its format decides the disk format (qcow2 → cow,
 * raw → raw), and an image the engine would refuse (a qcow2 with a backing file) is refused here with the reason.
 */
public final class OvirtTransferViewModel {
    public static final List<String> FORMATS = List.of("raw", "cow");

    private final ConnectionsPort port;
    private final TransferService service;
    private final I18n i18n;
    private final Executor background;
    private final Executor ui;

    private final ObjectProperty<Direction> mode = new SimpleObjectProperty<>(this, "mode", Direction.UPLOAD);
    private final ObservableList<Profile> connections = FXCollections.observableArrayList();
    private final ObjectProperty<Profile> connection = new SimpleObjectProperty<>(this, "connection");
    // upload
    private final ObjectProperty<Path> image = new SimpleObjectProperty<>(this, "image");
    private final ReadOnlyStringWrapper imageInfo = new ReadOnlyStringWrapper(this, "imageInfo", "");
    private final ReadOnlyStringWrapper imageProblem = new ReadOnlyStringWrapper(this, "imageProblem", "");
    private final ObservableList<StorageDomain> domains = FXCollections.observableArrayList();
    private final ObjectProperty<StorageDomain> domain = new SimpleObjectProperty<>(this, "domain");
    private final StringProperty diskName = new SimpleStringProperty(this, "diskName", "");
    private final StringProperty format = new SimpleStringProperty(this, "format", "raw");
    // download
    private final ObservableList<Disk> disks = FXCollections.observableArrayList();
    private final ObjectProperty<Disk> disk = new SimpleObjectProperty<>(this, "disk");
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>(this, "folder");

    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");
    private DiskImage probed;

    public OvirtTransferViewModel(ConnectionsPort port, TransferService service, I18n i18n, Executor background, Executor ui) {
        this.port = port;
        this.service = service;
        this.i18n = i18n;
        this.background = background;
        this.ui = ui;
        connection.addListener((o, was, now) -> loadPickers());
        mode.addListener((o, was, now) -> loadPickers());
        image.addListener((o, was, now) -> probe(now));
        for (Observable o : List.of(mode, connection, image, domain, diskName, format, disk, folder, i18n.localeProperty())) {
            o.addListener(x -> validate());
        }
        validate();
    }

    /** Opens for uploading {@code file}. */
    public void openUpload(Path file) {
        mode.set(Direction.UPLOAD);
        image.set(file == null ? null : file.toAbsolutePath().normalize());
        loadConnections();
    }

    /** Opens for downloading a disk into {@code folder}. */
    public void openDownload(Path targetFolder) {
        mode.set(Direction.DOWNLOAD);
        folder.set(targetFolder);
        loadConnections();
    }

    private void loadConnections() {
        background.execute(() -> {
            try {
                List<Profile> all = port.profiles().stream().filter(p -> p.kind() == Kind.OVIRT).toList();
                ui.execute(() -> {
                    connections.setAll(all);
                    if (all.isEmpty()) {
                        loadError.set(i18n.get("ovirt.noConnections"));
                    } else if (connection.get() == null || !all.contains(connection.get())) {
                        connection.set(all.getFirst());
                    } else {
                        loadPickers();
                    }
                });
            } catch (ConnectionException | RuntimeException e) {
                String msg = message(e);
                ui.execute(() -> loadError.set(msg));
            }
        });
    }

    private void probe(Path file) {
        probed = null;
        imageInfo.set("");
        imageProblem.set("");
        if (file == null) {
            return;
        }
        try {
            probed = DiskImageProbe.probe(file);
            imageInfo.set(probed.describe());
            format.set(probed.format().ovirtName());
            String n = file.getFileName().toString();
            int dot = n.lastIndexOf('.');
            diskName.set(dot > 0 ? n.substring(0, dot) : n);
        } catch (UnsupportedImageException e) {
            imageProblem.set(i18n.get("ovirt.problem.image", file.getFileName().toString(), e.getMessage()));
        } catch (IOException e) {
            imageProblem.set(i18n.get("ovirt.problem.unreadable", file.toString(), String.valueOf(e.getMessage())));
        }
        validate();
    }

    /** Loads the storage domains (upload) or disks (download) of the chosen connection. */
    public void loadPickers() {
        Profile p = connection.get();
        domains.clear();
        disks.clear();
        domain.set(null);
        disk.set(null);
        loadError.set("");
        if (p == null) {
            return;
        }
        boolean upload = mode.get() == Direction.UPLOAD;
        loading.set(true);
        background.execute(() -> {
            try {
                if (upload) {
                    List<StorageDomain> sds = port.storageDomains(p.id());
                    ui.execute(() -> {
                        if (p.equals(connection.get())) {
                            domains.setAll(sds);
                            sds.stream().filter(d -> "data".equalsIgnoreCase(d.type())).findFirst()
                                    .or(() -> sds.stream().findFirst()).ifPresent(domain::set);
                        }
                        loading.set(false);
                    });
                } else {
                    List<Disk> ds = port.disks(p.id());
                    ui.execute(() -> {
                        if (p.equals(connection.get())) {
                            disks.setAll(ds);
                        }
                        loading.set(false);
                    });
                }
            } catch (ConnectionException | RuntimeException e) {
                String msg = i18n.get("ovirt.loadFailed", p.name(), message(e));
                ui.execute(() -> {
                    loadError.set(msg);
                    loading.set(false);
                });
            }
        });
    }

    private void validate() {
        String p = check();
        problem.set(p);
        canStart.set(p.isEmpty());
    }

    private String check() {
        if (connection.get() == null) {
            return i18n.get("ovirt.problem.connection");
        }
        if (mode.get() == Direction.UPLOAD) {
            if (image.get() == null) {
                return i18n.get("ovirt.problem.noImage");
            }
            if (!imageProblem.get().isEmpty()) {
                return imageProblem.get();
            }
            if (domain.get() == null) {
                return i18n.get("ovirt.problem.domain");
            }
            if (diskName.get().isBlank()) {
                return i18n.get("ovirt.problem.diskName");
            }
            if (probed != null && !probed.format().ovirtName().equals(format.get())) {
                return i18n.get("ovirt.problem.format", probed.describe(), probed.format().ovirtName(), format.get());
            }
            return "";
        }
        if (disk.get() == null) {
            return i18n.get("ovirt.problem.disk");
        }
        if (!"ok".equalsIgnoreCase(disk.get().status())) {
            return i18n.get("ovirt.problem.diskNotOk", disk.get().name(), disk.get().status());
        }
        Path f = folder.get();
        if (f == null) {
            return i18n.get("ovirt.problem.folder");
        }
        if (!Files.isDirectory(f) || !Files.isWritable(f)) {
            return i18n.get("ovirt.problem.notFolder", f.toString());
        }
        if (Files.exists(downloadTarget())) {
            return i18n.get("ovirt.problem.exists", downloadTarget().getFileName().toString());
        }
        return "";
    }

    /** Where a download is written: the chosen folder, the disk's name, .qcow2 for cow disks and .raw otherwise. */
    public Path downloadTarget() {
        Disk d = disk.get();
        Path f = folder.get();
        if (d == null || f == null) {
            return null;
        }
        String base = (d.name().isBlank() ? d.id() : d.name()).replaceAll("[/\\\\:\\x00]", "_");
        String ext = "cow".equalsIgnoreCase(d.format()) ? ".qcow2" : ".raw";
        return f.resolve(base.toLowerCase(Locale.ROOT).endsWith(ext) ? base : base + ext);
    }

    /** The request {@link #start()} submits. */
    public TransferRequest request() throws ConnectionException {
        Profile p = connection.get();
        Map<String, String> o = new LinkedHashMap<>(port.transferOptions(p.id()));
        o.put(OvirtOptions.PAUSED_SYSTEM, "wait");
        if (mode.get() == Direction.UPLOAD) {
            Path file = image.get();
            o.put(OvirtOptions.STORAGE_DOMAIN, domain.get().name());
            o.put(OvirtOptions.DISK_NAME, diskName.get().strip());
            o.put(OvirtOptions.FORMAT, format.get());
            return new TransferRequest(OvirtProvider.ID, Direction.UPLOAD, file.getFileName().toString(), file.toString(),
                    o.getOrDefault(OvirtOptions.ENGINE, ""), o);
        }
        Disk d = disk.get();
        Path target = downloadTarget();
        o.put(OvirtOptions.DISK_ID, d.id());
        return new TransferRequest(OvirtProvider.ID, Direction.DOWNLOAD, target.getFileName().toString(), d.id(),
                target.toString(), o);
    }

    /** Submits the upload or download; {@link #doneProperty()} turns true once the engine took it. */
    public void start() {
        validate();
        if (!canStart.get()) {
            return;
        }
        error.set("");
        background.execute(() -> {
            try {
                service.submit(request());
                ui.execute(() -> done.set(true));
            } catch (ConnectionException | RuntimeException e) {
                String msg = i18n.get("ovirt.submitFailed", message(e));
                ui.execute(() -> error.set(msg));
            }
        });
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    public ObjectProperty<Direction> modeProperty() {
        return mode;
    }

    public ObservableList<Profile> connections() {
        return connections;
    }

    public ObjectProperty<Profile> connectionProperty() {
        return connection;
    }

    public ObjectProperty<Path> imageProperty() {
        return image;
    }

    public ReadOnlyStringProperty imageInfoProperty() {
        return imageInfo.getReadOnlyProperty();
    }

    public ObservableList<StorageDomain> domains() {
        return domains;
    }

    public ObjectProperty<StorageDomain> domainProperty() {
        return domain;
    }

    public StringProperty diskNameProperty() {
        return diskName;
    }

    public StringProperty formatProperty() {
        return format;
    }

    public ObservableList<Disk> disks() {
        return disks;
    }

    public ObjectProperty<Disk> diskProperty() {
        return disk;
    }

    public ObjectProperty<Path> folderProperty() {
        return folder;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }
}
