package io.ferry.provider.gcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what came back over HTTP into a {@link TransferException} with the right google.rpc code and the URL as
 * its sample: google error bodies ({@code {"error": {"code", "message", "status"}}}) by their status name, HTML
 * error pages and other non-JSON bodies by the HTTP status, malformed JSON as UNKNOWN.
 */
final class GcsErrors {
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private GcsErrors() {}

    /** A non-2xx answer. */
    static TransferException fromHttp(int http, String reason, String contentType, String body, String url) {
        String statusLine = "HTTP " + http + (reason == null || reason.isBlank() ? "" : " " + reason);
        if (looksLikeHtml(contentType, body)) {
            return new TransferException(ErrorCode.fromHttpStatus(http), url,
                    statusLine + ": the server answered with an HTML page, not a JSON error" + htmlTitle(body));
        }
        JsonNode tree;
        try {
            tree = StsJson.tree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        if (tree != null && tree.path("error").isObject()) {
            JsonNode err = tree.path("error");
            String status = StsJson.text(err, "status");
            String message = StsJson.text(err, "message");
            Optional<ErrorCode> byName = ErrorCode.parse(status);
            ErrorCode code;
            String detail;
            if (byName.isPresent() && !status.chars().allMatch(Character::isDigit)) {
                code = byName.get();
                detail = statusLine + ": " + message + " (" + status + ")";
            } else if (!status.isEmpty()) {
                code = ErrorCode.UNKNOWN;
                detail = statusLine + ": " + message + " (unrecognised status \"" + status + "\")";
            } else {
                int c = err.path("code").asInt(http);
                code = ErrorCode.fromHttpStatus(c);
                detail = statusLine + ": " + message;
            }
            return new TransferException(code, url, detail);
        }
        String snippet = body == null ? "" : body.strip();
        if (snippet.length() > 200) {
            snippet = snippet.substring(0, 200) + "…";
        }
        return new TransferException(ErrorCode.fromHttpStatus(http), url,
                statusLine + (snippet.isEmpty() ? ": empty body" : ": " + snippet));
    }

    /** A 2xx answer whose body must be a JSON object. */
    static JsonNode parseObject(String contentType, String body, String url) throws TransferException {
        if (looksLikeHtml(contentType, body)) {
            throw new TransferException(ErrorCode.UNKNOWN, url,
                    "expected JSON from Storage Transfer but got an HTML page" + htmlTitle(body)
                            + " (a proxy or login page in between? check --endpoint)");
        }
        if (body == null || body.isBlank()) {
            return StsJson.mapper().createObjectNode();
        }
        try {
            JsonNode tree = StsJson.tree(body);
            if (tree == null || !tree.isObject()) {
                throw new TransferException(ErrorCode.UNKNOWN, url,
                        "malformed response from Storage Transfer: expected a JSON object, got " + describe(tree));
            }
            return tree;
        } catch (JsonProcessingException e) {
            // a limit hit (nesting depth, number length) has no location
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new TransferException(ErrorCode.UNKNOWN, url,
                    "malformed JSON from Storage Transfer: " + e.getOriginalMessage() + where, e);
        }
    }

    private static String describe(JsonNode n) {
        return n == null ? "nothing" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static boolean looksLikeHtml(String contentType, String body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        String b = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
        return b.startsWith("<!doctype html") || b.startsWith("<html");
    }

    private static String htmlTitle(String body) {
        if (body == null) {
            return "";
        }
        Matcher m = TITLE.matcher(body);
        return m.find() ? " (\"" + m.group(1).strip().replaceAll("\\s+", " ") + "\")" : "";
    }
}
