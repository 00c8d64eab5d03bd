package io.ferry.provider.ovirt;

import io.ferry.provider.ovirt.http.BufferedSocketFactory;
import io.ferry.provider.tls.Trust;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** One OkHttp base (one connection pool) for the provider; each transfer adds its own trust to it. */
final class HttpClients {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private final OkHttpClient base;

    HttpClients() {
        this(DEFAULT_TIMEOUT);
    }

    /** @param ioTimeout how long a read or write may make no progress before the call fails (DEADLINE_EXCEEDED) */
    HttpClients(Duration ioTimeout) {
        base = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(15))
            .readTimeout(ioTimeout)
            .writeTimeout(ioTimeout)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectionPool(new ConnectionPool(32, 2, TimeUnit.MINUTES))
            .socketFactory(new BufferedSocketFactory(256 * 1024, 1024 * 1024))
            .build();
    }

    OkHttpClient with(Trust trust) {
        return trust.apply(base.newBuilder()).build();
    }

    OkHttpClient plain() {
        return base;
    }
}
