package io.ferry.provider.ovirt.engine;

/**
 * An image transfer to create.
 *
 * @param direction         upload or download
 * @param hostId            empty: the engine picks a host
 * @param format            raw or cow: the bytes on the wire (a qcow2 file is sent as is to a cow disk)
 * @param inactivityTimeout seconds the engine waits for client activity; 0 for its default
 * @param timeoutPolicy     legacy, pause or cancel; empty for the engine's default
 */
public record TransferSpec(String diskId, String direction, String hostId, String format, int inactivityTimeout,
        String timeoutPolicy) {}
