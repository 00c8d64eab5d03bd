package io.ferry.app;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks what must never reach a log file: imageio ticket ids in transfer URLs ({@code /images/<ticket>}), the
 * value after password / secret / token / authorization / api key names, bearer tokens, and passwords in URLs.
 */
public final class Redaction {
    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(/images/)[^/\\s\"'?#]+"), "$1***"),
            new Rule(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1***"),
            new Rule(Pattern.compile("(://[^/\\s:@]+:)[^/\\s@]+@"), "$1***@"),
            new Rule(Pattern.compile("(?i)([A-Za-z_-]*(?:password|passwd|secret|token|authorization|api[_-]?key|initiatorSecret|targetSecret)[A-Za-z_-]*"
                    + "[\"']?\\s*[:=]\\s*[\"']?)(?!\\*\\*\\*)[^\\s\"'&,}]+"), "$1***"));

    private Redaction() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule r : RULES) {
            out = r.pattern.matcher(out).replaceAll(r.replacement);
        }
        return out;
    }
}
