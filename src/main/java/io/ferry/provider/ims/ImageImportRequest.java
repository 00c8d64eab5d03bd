package io.ferry.provider.ims;

import java.util.List;
import java.util.Objects;

/**
 * {@code POST /v2/cloudimages/action} for an image file in OBS: {@code name}, {@code image_url} as
 * {@code bucket:object}, {@code min_disk} in GB (all required), and optionally {@code os_version},
 * {@code description}, {@code type} (ECS, DataImage, IsoImage…) and {@code tags} ("key.value").
 */
public record ImageImportRequest(
        String name, String imageUrl, int minDisk, String osVersion, String description, String type, List<String> tags) {
    public ImageImportRequest {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an image name is required");
        }
        if (imageUrl == null || !imageUrl.matches("[^:/\\s]+:.+")) {
            throw new IllegalArgumentException("the image file must be given as bucket:object (e.g. ims-image:centos70.qcow2), got \"" + imageUrl + "\"");
        }
        if (minDisk < 1 || minDisk > 1024) {
            throw new IllegalArgumentException("min_disk must be 1–1024 GB, got " + minDisk);
        }
        osVersion = Objects.requireNonNullElse(osVersion, "");
        description = Objects.requireNonNullElse(description, "");
        type = Objects.requireNonNullElse(type, "");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
