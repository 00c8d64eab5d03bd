package io.ferry.provider.ovirt;

import io.ferry.provider.ovirt.http.Trust;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** One OkHttp base (one connection pool) for the provider; each transfer adds its own trust to it. */
final class HttpClients {
    private final OkHttpClient base = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(15))
            .readTimeout(Duration.ofSeconds(120))
            .writeTimeout(Duration.ofSeconds(120))
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectionPool(new ConnectionPool(32, 2, TimeUnit.MINUTES))
            .build();

    OkHttpClient with(Trust trust) {
        return trust.apply(base.newBuilder()).build();
    }

    OkHttpClient plain() {
        return base;
    }
}
