package io.ferry.provider.ovirt.image;

/**
 * What a local disk image is, read from its header.
 *
 * @param format       raw or qcow2
 * @param qcowVersion  2 or 3 for qcow2, 0 for raw
 * @param virtualSize  the size the guest sees (qcow2 header; the file size for raw)
 * @param fileSize     the bytes on disk to send (the whole file: a qcow2 file is uploaded as is)
 */
public record DiskImage(Format format, int qcowVersion, long virtualSize, long fileSize) {

    public enum Format {
        RAW("raw"),
        QCOW2("cow");

        private final String ovirtName;

        Format(String ovirtName) {
            this.ovirtName = ovirtName;
        }

        /** The oVirt disk format this image is uploaded to: raw → raw, qcow2 → cow. */
        public String ovirtName() {
            return ovirtName;
        }
    }

    public String describe() {
        return format == Format.QCOW2 ? "qcow2 v" + qcowVersion : "raw";
    }
}
