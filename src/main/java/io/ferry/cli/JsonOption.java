package io.ferry.cli;

import picocli.CommandLine.Option;

/** The {@code --json} switch, as a mixin. */
public final class JsonOption {
    @Option(names = "--json", description = "Print JSON (one object per line) instead of text.")
    boolean json;

    public boolean enabled() {
        return json;
    }
}
