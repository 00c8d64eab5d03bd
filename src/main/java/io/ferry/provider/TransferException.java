package io.ferry.provider;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.ErrorLogEntry;
import java.util.List;

/** A failure with its google.rpc code and a sample (url, details) for the error breakdown. */
public class TransferException extends Exception {
    private final ErrorCode code;
    private final ErrorLogEntry sample;

    public TransferException(ErrorCode code, String url, String detail) {
        this(code, url, detail, null);
    }

    public TransferException(ErrorCode code, String url, String detail, Throwable cause) {
        super(code.name() + ": " + detail + (url == null || url.isEmpty() ? "" : " (" + url + ")"), cause);
        this.code = code;
        this.sample = new ErrorLogEntry(url, List.of(detail == null ? "" : detail));
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorLogEntry sample() {
        return sample;
    }
}
