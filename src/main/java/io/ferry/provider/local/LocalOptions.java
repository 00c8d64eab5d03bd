package io.ferry.provider.local;

import java.util.Locale;
import java.util.Map;

/**
 * The options a {@code local} transfer understands, read from {@code Transfer.options()}. The CLI and the GUI use
 * these key constants so all three agree on the names. Values are "true"/"false"; anything else is rejected.
 *
 * @param verify       re-read the target and compare per-block checksums with the data as read (default true)
 * @param overwrite    replace an existing, different target (default false: such a target is refused)
 * @param sync         skip files whose target has the same size and modification time (default false)
 * @param syncChecksum with sync, also compare the contents by checksum (default false)
 */
public record LocalOptions(boolean verify, boolean overwrite, boolean sync, boolean syncChecksum) {

    public static final String VERIFY = "verify";
    public static final String OVERWRITE = "overwrite";
    public static final String SYNC = "sync";
    public static final String SYNC_CHECKSUM = "sync.checksum";

    public static final LocalOptions DEFAULTS = new LocalOptions(true, false, false, false);

    /**
     * Reads the options from a transfer's option map; absent keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key and the value when a value is not true or false
     */
    public static LocalOptions from(Map<String, String> options) {
        return new LocalOptions(
                flag(options, VERIFY, DEFAULTS.verify),
                flag(options, OVERWRITE, DEFAULTS.overwrite),
                flag(options, SYNC, DEFAULTS.sync),
                flag(options, SYNC_CHECKSUM, DEFAULTS.syncChecksum));
    }

    /** These options as a map with every key, for a transfer request. */
    public Map<String, String> toMap() {
        return Map.of(VERIFY, Boolean.toString(verify), OVERWRITE, Boolean.toString(overwrite), SYNC,
                Boolean.toString(sync), SYNC_CHECKSUM, Boolean.toString(syncChecksum));
    }

    private static boolean flag(Map<String, String> options, String key, boolean dflt) {
        String raw = options == null ? null : options.get(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(
                    "option " + key + " must be true or false, not \"" + raw + "\"");
        };
    }
}
