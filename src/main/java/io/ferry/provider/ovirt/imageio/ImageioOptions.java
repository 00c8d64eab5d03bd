package io.ferry.provider.ovirt.imageio;

import java.util.Set;

/**
 * What an imageio server offers (OPTIONS /images/TICKET): features among extents, zero and flush, and how many
 * connections it serves at once. An old server without OPTIONS gets none of the features and one connection.
 */
public record ImageioOptions(Set<String> features, int maxReaders, int maxWriters) {
    public ImageioOptions {
        features = Set.copyOf(features);
        maxReaders = Math.max(1, maxReaders);
        maxWriters = Math.max(1, maxWriters);
    }

    public boolean has(String feature) {
        return features.contains(feature);
    }
}
