package io.ferry.provider.gcs;

import io.ferry.domain.Transfer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * One {@link StorageTransferClient} per (endpoint, credentials, token endpoint, timeout, CA file), built from a transfer's
 * options and reused, so every watcher on one account shares a connection pool and one cached token.
 */
public final class GcsClients implements Function<Transfer, StorageTransferClient> {
    private final OkHttpClient base = new OkHttpClient();
    private final Map<List<String>, StorageTransferClient> clients = new ConcurrentHashMap<>();

    @Override
    public StorageTransferClient apply(Transfer t) {
        return forOptions(t.options());
    }

    /** @throws IllegalArgumentException when the endpoint or the credentials are unusable, naming which */
    public StorageTransferClient forOptions(Map<String, String> options) {
        String endpoint = options.getOrDefault(GcsOptions.ENDPOINT, "");
        List<String> key = List.of(endpoint, options.getOrDefault(GcsOptions.CREDENTIALS, ""),
                options.getOrDefault(GcsOptions.TOKEN_URI, ""), GcsOptions.timeout(options).toString(),
                options.getOrDefault(GcsOptions.CA_FILE, ""));
        return clients.computeIfAbsent(key, k -> new StorageTransferClient(endpoint(endpoint), GcsOptions.auth(options),
                GcsOptions.timeout(options), GcsOptions.trust(options).apply(base.newBuilder()).build()));
    }

    /** Parses an endpoint URL; blank means the public API. */
    public static HttpUrl endpoint(String raw) {
        if (raw == null || raw.isBlank()) {
            return StorageTransferClient.DEFAULT_ENDPOINT;
        }
        HttpUrl url = HttpUrl.parse(raw.trim());
        if (url == null) {
            throw new IllegalArgumentException("endpoint \"" + raw + "\" is not an http(s) URL, e.g. "
                    + StorageTransferClient.DEFAULT_ENDPOINT);
        }
        return url;
    }
}
