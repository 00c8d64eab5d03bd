package io.ferry.ui.about;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Ferry's version and the commit it was built from, as the build wrote them: {@code io/ferry/build-info.properties}
 * (resource filtering) and {@code io/ferry/build-commit.properties} ({@code git log} run by the build). A value the
 * build could not fill in reads {@value #UNKNOWN}.
 */
public record BuildInfo(String version, String commit, String commitTime) {
    public static final String UNKNOWN = "unknown";
    static final String INFO = "/io/ferry/build-info.properties";
    static final String COMMIT = "/io/ferry/build-commit.properties";

    /** Reads the build's resources from the class path. */
    public static BuildInfo fromResources() {
        Properties info = load(INFO);
        Properties commit = load(COMMIT);
        return new BuildInfo(value(info, "version"), value(commit, "commit"), value(commit, "commitTime"));
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").strip();
        // An unfiltered placeholder or a git error message is not a value.
        return v.isEmpty() || v.contains("${") || v.contains(" ") ? UNKNOWN : v;
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return p;
    }
}
