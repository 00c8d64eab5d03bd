package io.ferry.cli;

import java.util.Objects;

/**
 * One line of {@code ferry doctor}: what was checked, whether it is fine, what was found, and — when it is not
 * fine — what the operator should do.
 *
 * @param name   short label, e.g. "Store"
 * @param ok     true when nothing needs doing
 * @param detail what was found (version, path, state)
 * @param remedy what to do about a failure; empty when {@code ok}
 */
public record CheckResult(String name, boolean ok, String detail, String remedy) {
    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
        remedy = remedy == null ? "" : remedy;
    }

    public static CheckResult ok(String name, String detail) {
        return new CheckResult(name, true, detail, "");
    }

    public static CheckResult fail(String name, String detail, String remedy) {
        return new CheckResult(name, false, detail, remedy);
    }

    /** {@code OK   Name      detail} or {@code FAIL Name      detail — what to do}. */
    public String line() {
        String head = String.format("%-4s %-9s %s", ok ? "OK" : "FAIL", name, detail);
        return ok || remedy.isBlank() ? head : head + " — " + remedy;
    }
}
