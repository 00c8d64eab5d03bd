package io.ferry.provider.ims;

import io.ferry.domain.ErrorCode;
import io.ferry.provider.TransferException;

/** An IMS or IAM error response: the HTTP status and the vendor's code (IMG.0057, APIGW.0301) kept beside the mapped code. */
public final class ImsHttpException extends TransferException {
    private final int httpStatus;
    private final String vendorCode;

    public ImsHttpException(ErrorCode code, String url, int httpStatus, String vendorCode, String detail) {
        super(code, url, detail);
        this.httpStatus = httpStatus;
        this.vendorCode = vendorCode == null ? "" : vendorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String vendorCode() {
        return vendorCode;
    }
}
