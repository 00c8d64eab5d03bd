package io.ferry.provider.gcs;

import java.io.IOException;
import okhttp3.Authenticator;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Puts {@code Authorization: Bearer …} on every request (an OkHttp interceptor) and, on a 401, renews the token
 * once and retries (an OkHttp authenticator). A second 401 is handed back to the caller, which reports
 * UNAUTHENTICATED.
 */
final class BearerAuth implements Interceptor, Authenticator {
    private final GcsAuth auth;

    BearerAuth(GcsAuth auth) {
        this.auth = auth;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request withToken = chain.request().newBuilder()
                .header("Authorization", "Bearer " + auth.accessToken())
                .build();
        return chain.proceed(withToken);
    }

    @Override
    public Request authenticate(Route route, Response response) throws IOException {
        if (response.priorResponse() != null) {
            return null; // already renewed once for this call
        }
        String renewed = auth.renew();
        return response.request().newBuilder().header("Authorization", "Bearer " + renewed).build();
    }
}
