package io.ferry.provider.ovirt.imageio;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Picks the imageio endpoint: the host's {@code transfer_url} first, the engine's {@code proxy_url} when the host
 * cannot be reached (as oVirt's own client does), by asking each for OPTIONS.
 */
public final class ImageioConnect {
    public static final int DEFAULT_ATTEMPTS = 6;

    private ImageioConnect() {}

    public record Endpoint(ImageioClient client, ImageioOptions options, boolean viaProxy) {}

    public static Endpoint connect(OkHttpClient http, HttpUrl transferUrl, HttpUrl proxyUrl)
            throws TransferException, InterruptedException {
        TransferException last = null;
        List<HttpUrl> candidates = new java.util.ArrayList<>();
        if (transferUrl != null) {
            candidates.add(transferUrl);
        }
        if (proxyUrl != null && !proxyUrl.equals(transferUrl)) {
            candidates.add(proxyUrl);
        }
        for (HttpUrl u : candidates) {
            try {
                // one attempt only: an unreachable host falls over to the proxy at once
                ImageioOptions opts = new ImageioClient(http, u, 1).options();
                return new Endpoint(new ImageioClient(http, u, DEFAULT_ATTEMPTS), opts, u == proxyUrl);
            } catch (TransferException e) {
                boolean unreachable = e.code() == ErrorCode.UNAVAILABLE || e.code() == ErrorCode.DEADLINE_EXCEEDED;
                if (!unreachable || e.getCause() instanceof javax.net.ssl.SSLException) {
                    throw e;
                }
                last = e;
            }
        }
        if (last == null) {
            throw new TransferException(ErrorCode.FAILED_PRECONDITION, "", "the transfer has no transfer_url nor proxy_url");
        }
        throw last;
    }
}
