package io.ferry.provider.ims;

import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /v1/cloudimages/{image_id}/file}: export a private image to {@code bucket_url} ({@code bucket:file})
 * as {@code file_format} (qcow2, vhd, zvhd, vmdk; zvhd2 with fast export), optionally as a fast export.
 */
public record ImageExportRequest(String imageId, String bucketUrl, String fileFormat, boolean quickExport) {
    private static final Set<String> FORMATS = Set.of("qcow2", "vhd", "zvhd", "vmdk", "zvhd2");

    public ImageExportRequest {
        if (imageId == null || !imageId.matches("[0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("an image id is required, got \"" + imageId + "\"");
        }
        if (bucketUrl == null || !bucketUrl.matches("[^:/\\s]+:.+")) {
            throw new IllegalArgumentException("the target must be given as bucket:file (e.g. ims-image:centos7_5.qcow2), got \"" + bucketUrl + "\"");
        }
        fileFormat = fileFormat == null ? "" : fileFormat.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(fileFormat)) {
            throw new IllegalArgumentException("file format must be one of qcow2, vhd, zvhd, vmdk (zvhd2 with fast export), got \"" + fileFormat + "\"");
        }
    }
}
