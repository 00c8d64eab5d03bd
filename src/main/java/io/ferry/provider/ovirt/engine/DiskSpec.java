package io.ferry.provider.ovirt.engine;

/**
 * A disk to create for an upload.
 *
 * @param format        raw or cow
 * @param initialSize   for cow: the bytes to allocate at first (the qcow2 file's size); ignored for raw
 * @param storageDomain the storage domain's name
 */
public record DiskSpec(String name, long provisionedSize, long initialSize, String format, boolean sparse,
        String storageDomain, String contentType) {}
