package io.ferry.ui.about;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The About dialog's state: Ferry's version and build commit, the Java and JavaFX runtimes, and the bundled
 * libraries with their licenses, filterable by a search text. No nodes and no toolkit: {@link AboutView} binds to
 * it, and {@link #report()} gives the plain text for "Copy" (the view puts it on the clipboard).
 */
public final class AboutViewModel {
    private final BuildInfo build;
    private final String java;
    private final String javaFx;
    private final List<LibraryLicense> all;
    private final FilteredList<LibraryLicense> libraries;
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper(this, "shown");

    /**
     * @param build     version and commit
     * @param java      Java runtime description, e.g. "25.0.3+9-LTS (Eclipse Adoptium)"
     * @param javaFx    JavaFX runtime version
     * @param libraries bundled libraries
     */
    public AboutViewModel(BuildInfo build, String java, String javaFx, List<LibraryLicense> libraries) {
        this.build = build;
        this.java = java;
        this.javaFx = javaFx;
        this.all = List.copyOf(libraries);
        this.libraries = new FilteredList<>(FXCollections.observableArrayList(all));
        this.libraries.predicateProperty().bind(Bindings.<Predicate<? super LibraryLicense>>createObjectBinding(() -> {
            String f = filter.get() == null ? "" : filter.get();
            return l -> l.matches(f);
        }, filter));
        shown.bind(Bindings.createStringBinding(
                () -> this.libraries.size() == all.size()
                        ? all.size() + " libraries"
                        : this.libraries.size() + " of " + all.size() + " libraries",
                this.libraries));
    }

    /** The running application: the build's resources, this JVM, the loaded JavaFX, the bundled list. */
    public static AboutViewModel fromRuntime() {
        String java = Runtime.version() + " (" + System.getProperty("java.vendor", BuildInfo.UNKNOWN) + ")";
        return new AboutViewModel(BuildInfo.fromResources(), java, javaFxVersion(), LibraryLicense.parse(bundledList()));
    }

    /** JavaFX's version: the property the toolkit sets when started, else read from its VersionInfo class. */
    static String javaFxVersion() {
        String v = System.getProperty("javafx.runtime.version");
        if (v != null) {
            return v;
        }
        try {
            Class<?> info = Class.forName("com.sun.javafx.runtime.VersionInfo");
            return String.valueOf(info.getMethod("getRuntimeVersion").invoke(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            return BuildInfo.UNKNOWN;
        }
    }

    private static String bundledList() {
        try (InputStream in = AboutViewModel.class.getResourceAsStream(LibraryLicense.RESOURCE)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LibraryLicense.RESOURCE, e);
        }
    }

    // **** Properties ****

    public String title() {
        return "Ferry " + build.version();
    }

    public String version() {
        return build.version();
    }

    /** The short commit hash, with its date when known. */
    public String commit() {
        return BuildInfo.UNKNOWN.equals(build.commitTime()) ? build.commit() : build.commit() + " (" + build.commitTime() + ")";
    }

    public String java() {
        return java;
    }

    public String javaFx() {
        return javaFx;
    }

    /** The libraries matching {@link #filterProperty()}. */
    public ObservableList<LibraryLicense> libraries() {
        return libraries;
    }

    /** Search text over coordinates, names and licenses; blank shows all. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** "43 libraries" or "3 of 43 libraries" while filtered. */
    public ReadOnlyStringProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Library count per license, e.g. "31 Apache-2.0, 4 BSD-3-Clause, …", most used first. */
    public String licenseSummary() {
        Map<String, Long> counts = all.stream().collect(Collectors.groupingBy(LibraryLicense::licenses, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    // **** Commands ****

    /** Everything the dialog shows as plain text, for bug reports. */
    public String report() {
        StringBuilder b = new StringBuilder()
                .append(title()).append('\n')
                .append("Commit: ").append(commit()).append('\n')
                .append("Java: ").append(java).append('\n')
                .append("JavaFX: ").append(javaFx).append('\n')
                .append('\n').append("Bundled libraries (").append(all.size()).append("):\n");
        all.forEach(l -> b.append("  ").append(l.line()).append('\n'));
        return b.toString();
    }
}
