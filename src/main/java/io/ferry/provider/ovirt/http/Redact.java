package io.ferry.provider.ovirt.http;

import java.util.regex.Pattern;

/** The ticket id in an imageio URL is its credential: it never goes into a log, a message or the store. */
public final class Redact {
    private static final Pattern TICKET = Pattern.compile("(/images/)([^/?#]+)");
    private static final Pattern QUERY_SECRET = Pattern.compile("((?:password|access_token)=)[^&]*");

    private Redact() {}

    /** {@code https://host:54322/images/4b1c…/extents} → {@code https://host:54322/images/***}/extents}. */
    public static String url(String url) {
        if (url == null) {
            return "";
        }
        String u = TICKET.matcher(url).replaceAll("$1***");
        return QUERY_SECRET.matcher(u).replaceAll("$1***");
    }

    public static String url(okhttp3.HttpUrl url) {
        return url == null ? "" : url(url.toString());
    }
}
