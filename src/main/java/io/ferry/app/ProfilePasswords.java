package io.ferry.app;

import io.ferry.domain.Transfer;
import io.ferry.provider.ovirt.OvirtOptions;
import io.ferry.provider.ovirt.PasswordSource;
import io.ferry.store.ConnectionProfile;
import io.ferry.store.SecretStore;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The oVirt engine password of a transfer: from the secret store when the transfer names its connection profile
 * ({@value AppConnections#PROFILE_OPTION} option, as the GUI's requests do), else from its password file (the CLI).
 */
final class ProfilePasswords implements PasswordSource {
    private final Supplier<Optional<SecretStore>> secrets;
    private final PasswordSource fallback = PasswordSource.fromFile();

    ProfilePasswords(Supplier<Optional<SecretStore>> secrets) {
        this.secrets = secrets;
    }

    @Override
    public char[] password(Transfer transfer, OvirtOptions options) throws IOException {
        String profile = transfer.option(AppConnections.PROFILE_OPTION, "").trim();
        if (profile.isEmpty()) {
            return fallback.password(transfer, options);
        }
        SecretStore store = secrets.get().orElseThrow(() -> new IOException("no secret store is open for connection profile "
                + profile + ": unlock the secrets file in the window (Connections…) and resume, or set FERRY_PASSPHRASE"));
        return store.get(ConnectionProfile.secretRefFor(profile)).map(String::toCharArray)
                .orElseThrow(() -> new IOException("no password is stored for connection profile " + profile
                        + ": edit the connection in Connections… and enter it"));
    }
}
