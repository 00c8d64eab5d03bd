package io.ferry.provider.element;

import io.ferry.domain.ErrorLogEntry;
import io.ferry.provider.TransferException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-RPC error object from the cluster ({@code {"code": 500, "name": "xVolumeIDDoesNotExist", "message":
 * "…"}}), mapped to an ErrorCode by its name. The sample's first detail is the cluster's message as sent; the
 * name, code and method follow.
 */
public final class ElementRpcException extends TransferException {
    private final String method;
    private final String name;
    private final long rpcCode;
    private final String rpcMessage;
    private final String url;

    public ElementRpcException(String url, String method, String name, long rpcCode, String rpcMessage) {
        super(ElementErrorCodes.map(name), url, rpcMessage + " [" + name + ", code " + rpcCode + ", " + method + "]");
        this.url = url;
        this.method = method;
        this.name = name == null ? "" : name;
        this.rpcCode = rpcCode;
        this.rpcMessage = rpcMessage == null ? "" : rpcMessage;
    }

    public String method() {
        return method;
    }

    public String name() {
        return name;
    }

    public long rpcCode() {
        return rpcCode;
    }

    public String rpcMessage() {
        return rpcMessage;
    }

    @Override
    public ErrorLogEntry sample() {
        List<String> d = new ArrayList<>();
        d.add(rpcMessage);
        d.add("name: " + name);
        d.add("code: " + rpcCode);
        d.add("method: " + method);
        return new ErrorLogEntry(url, d);
    }
}
