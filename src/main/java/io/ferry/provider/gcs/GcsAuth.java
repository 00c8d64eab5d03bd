package io.ferry.provider.gcs;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.ferry.domain.ErrorCode;
import io.ferry.provider.tls.TlsFailures;
import io.ferry.provider.tls.Trust;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the bearer token for Storage Transfer comes from. Tokens come from google-auth-library (a service-account
 * JSON key or Application Default Credentials, scope cloud-platform); Ferry never signs a JWT itself. A fixed
 * token ({@link #fixedToken}) exists for operators who already hold one ({@code gcloud auth print-access-token}).
 */
public interface GcsAuth {
    String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    /** What to do about an untrusted certificate, for messages. */
    String CA_HINT = "give the PEM file of the CA that signed it as the profile's CA file (--ca-file, option gcs.caFile)";

    /** The current token, fetched or refreshed when missing or expired. */
    String accessToken() throws TokenException;

    /** Fetches a new token even if the cached one has not expired (after a 401). */
    String renew() throws TokenException;

    /** The project the credentials name (a key file's {@code project_id}), if any. */
    Optional<String> projectId();

    /** For messages: which credentials these are (never the secret). */
    String describe();

    /**
     * A service-account key file (or any credentials file google-auth reads, e.g. gcloud's
     * {@code application_default_credentials.json}).
     *
     * @param tokenServerOverride when not null, tokens are fetched there instead of the key file's
     *                            {@code token_uri} (a local token endpoint in tests)
     * @throws IllegalArgumentException naming the file and what to do when it is missing or not a credentials file
     */
    static GcsAuth keyFile(Path file, URI tokenServerOverride) {
        return keyFile(file, tokenServerOverride, Trust.system());
    }

    /**
     * As {@link #keyFile(Path, URI)}, with the token endpoint reached through {@code trust} (the profile's CA
     * bundle, else the system trust store): google-auth-library's own HTTP transport gets the same trust as the
     * API calls, hostname checked.
     */
    static GcsAuth keyFile(Path file, URI tokenServerOverride, Trust trust) {
        GoogleCredentials creds;
        HttpTransportFactory transport = transport(trust);
        try (InputStream in = Files.newInputStream(file)) {
            creds = GoogleCredentials.fromStream(in, transport);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("credentials file " + file + " does not exist; give a service-account JSON"
                    + " key file (IAM → Service accounts → Keys → Add key → JSON)", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("credentials file " + file + " is not a usable Google credentials file ("
                    + e.getMessage() + "); give a service-account JSON key file", e);
        }
        creds = creds.createScoped(List.of(SCOPE));
        if (creds instanceof ServiceAccountCredentials sa) {
            ServiceAccountCredentials.Builder b = sa.toBuilder().setHttpTransportFactory(transport)
                    // one retry layer: the library's own backoff would repeat a refused TLS handshake for seconds;
                    // a failed token request is UNAVAILABLE and the watcher's poll loop backs off and retries it
                    .setDefaultRetriesEnabled(false);
            if (tokenServerOverride != null) {
                b.setTokenServerUri(tokenServerOverride);
            }
            creds = b.build();
        }
        return new GoogleAuth(creds, "credentials file " + file);
    }

    /** google-http-client's JDK transport with the given trust (the JDK checks the hostname during the handshake). */
    private static HttpTransportFactory transport(Trust trust) {
        NetHttpTransport t = new NetHttpTransport.Builder().setSslSocketFactory(trust.socketFactory()).build();
        return () -> t;
    }

    /**
     * Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS, gcloud's application default credentials,
     * or the metadata server on Google Cloud.
     *
     * @throws IllegalArgumentException saying how to set them up when none are found
     */
    static GcsAuth applicationDefault() {
        return applicationDefault(Trust.system());
    }

    /** As {@link #applicationDefault()}, the token endpoint reached through {@code trust}. */
    static GcsAuth applicationDefault(Trust trust) {
        try {
            return new GoogleAuth(GoogleCredentials.getApplicationDefault(transport(trust)).createScoped(List.of(SCOPE)),
                    "Application Default Credentials");
        } catch (IOException e) {
            throw new IllegalArgumentException("no Application Default Credentials found (" + e.getMessage()
                    + "); pass --credentials KEY.json or run `gcloud auth application-default login`", e);
        }
    }

    /** A token obtained elsewhere; it cannot be renewed, so a 401 reports UNAUTHENTICATED at once. */
    static GcsAuth fixedToken(String token) {
        Objects.requireNonNull(token, "token");
        String t = token.trim();
        return new GcsAuth() {
            @Override
            public String accessToken() {
                return t;
            }

            @Override
            public String renew() throws TokenException {
                throw new TokenException("a fixed access token cannot be renewed; get a new one"
                        + " (gcloud auth print-access-token) or use --credentials", "", null, true);
            }

            @Override
            public Optional<String> projectId() {
                return Optional.empty();
            }

            @Override
            public String describe() {
                return "a fixed access token";
            }
        };
    }

    /** google-auth-library credentials; thread-safe (the library synchronises refreshes). */
    final class GoogleAuth implements GcsAuth {
        private final GoogleCredentials creds;
        private final String description;

        GoogleAuth(GoogleCredentials creds, String description) {
            this.creds = creds;
            this.description = description;
        }

        @Override
        public String accessToken() throws TokenException {
            try {
                creds.refreshIfExpired();
                return tokenValue(creds.getAccessToken());
            } catch (IOException e) {
                throw TokenException.from(e, tokenServer());
            }
        }

        @Override
        public String renew() throws TokenException {
            try {
                creds.refresh();
                return tokenValue(creds.getAccessToken());
            } catch (IOException e) {
                throw TokenException.from(e, tokenServer());
            }
        }

        private String tokenValue(AccessToken token) throws TokenException {
            if (token == null || token.getTokenValue() == null || token.getTokenValue().isBlank()) {
                throw new TokenException("the token endpoint issued no access token", tokenServer(), null, true);
            }
            return token.getTokenValue();
        }

        private String tokenServer() {
            return creds instanceof ServiceAccountCredentials sa && sa.getTokenServerUri() != null
                    ? sa.getTokenServerUri().toString()
                    : "";
        }

        @Override
        public Optional<String> projectId() {
            return Optional.ofNullable(creds.getProjectId()).filter(p -> !p.isBlank());
        }

        @Override
        public String describe() {
            String who = creds instanceof ServiceAccountCredentials sa ? " (" + sa.getClientEmail() + ")" : "";
            return description + who;
        }
    }

    /**
     * No token could be had. {@link #rejected()} when the token endpoint refused the credentials (a 4xx: revoked
     * key, wrong account), otherwise it could not be reached.
     */
    final class TokenException extends IOException {
        private final String tokenServer;
        private final boolean rejected;
        private final boolean untrusted;

        TokenException(String message, String tokenServer, Throwable cause, boolean rejected) {
            this(message, tokenServer, cause, rejected, false);
        }

        private TokenException(String message, String tokenServer, Throwable cause, boolean rejected, boolean untrusted) {
            super(message, cause);
            this.tokenServer = tokenServer == null ? "" : tokenServer;
            this.rejected = rejected;
            this.untrusted = untrusted;
        }

        static TokenException from(IOException e, String tokenServer) {
            var tls = TlsFailures.untrusted(e, CA_HINT);
            if (tls.isPresent()) {
                return new TokenException("could not get an access token from the token endpoint: " + tls.get(),
                        tokenServer, e, false, true);
            }
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof com.google.api.client.http.HttpResponseException h) {
                    boolean rejected = h.getStatusCode() >= 400 && h.getStatusCode() < 500;
                    String what = rejected ? "the token endpoint refused the credentials: " : "the token endpoint failed: ";
                    return new TokenException(what + "HTTP " + h.getStatusCode() + describeBody(h.getContent()),
                            tokenServer, e, rejected);
                }
            }
            return new TokenException("could not get an access token: " + firstLine(e.getMessage()), tokenServer, e, false);
        }

        /** OAuth error bodies are {"error": "invalid_grant", "error_description": "…"}. */
        private static String describeBody(String content) {
            if (content == null || content.isBlank()) {
                return "";
            }
            try {
                var n = StsJson.tree(content);
                String err = StsJson.text(n, "error");
                String desc = StsJson.text(n, "error_description");
                if (!err.isEmpty()) {
                    return ": " + err + (desc.isEmpty() ? "" : " (" + desc + ")");
                }
            } catch (IOException notJson) {
                // fall through to the raw text
            }
            String t = firstLine(content.strip());
            return ": " + (t.length() > 200 ? t.substring(0, 200) + "…" : t);
        }

        private static String firstLine(String s) {
            if (s == null) {
                return "";
            }
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }

        public String tokenServer() {
            return tokenServer;
        }

        public boolean rejected() {
            return rejected;
        }

        /**
         * UNAUTHENTICATED when the endpoint refused the credentials, FAILED_PRECONDITION when its certificate was
         * refused (fix the CA file; retrying cannot help), UNAVAILABLE when it could not be reached.
         */
        public ErrorCode code() {
            return rejected ? ErrorCode.UNAUTHENTICATED : untrusted ? ErrorCode.FAILED_PRECONDITION : ErrorCode.UNAVAILABLE;
        }
    }
}
