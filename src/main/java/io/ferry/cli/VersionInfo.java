package io.ferry.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code ferry --version}: Ferry's version, the Java runtime and the JavaFX runtime. */
public final class VersionInfo implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "Ferry " + ferryVersion(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")",
            "JavaFX " + javaFxVersion()
        };
    }

    public static String ferryVersion() {
        String v = VersionInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev (not from a packaged jar)" : v;
    }

    /** JavaFX's runtime version, read without starting the toolkit; "not found" when JavaFX is absent. */
    static String javaFxVersion() {
        try {
            Class<?> info = Class.forName("com.sun.javafx.runtime.VersionInfo");
            return String.valueOf(info.getMethod("getRuntimeVersion").invoke(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            return "not found";
        }
    }
}
