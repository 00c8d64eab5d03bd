package io.ferry.app;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** {@code %ex} with {@link Redaction} applied (exception messages may quote URLs). */
public final class RedactingThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return Redaction.redact(super.throwableProxyToString(tp));
    }
}
