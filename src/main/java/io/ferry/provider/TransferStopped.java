package io.ferry.provider;

/** Thrown out of a checkpoint when the operator paused or cancelled the transfer; the provider unwinds. */
public final class TransferStopped extends Exception {
    public enum Why {
        PAUSE,
        CANCEL,
        SHUTDOWN
    }

    private final Why why;

    public TransferStopped(Why why) {
        super(why.name().toLowerCase(java.util.Locale.ROOT), null, false, false);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
