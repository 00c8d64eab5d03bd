package io.ferry.provider.ovirt.image;

/** A local image Ferry will not send, with a message saying why and what to do. */
public final class UnsupportedImageException extends Exception {
    public UnsupportedImageException(String message) {
        super(message);
    }
}
