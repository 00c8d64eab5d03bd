package io.ferry.provider.ovirt;

import io.ferry.domain.Transfer;
import java.io.IOException;

/** Where the engine password comes from: never from the transfer itself (it is stored), always from here. */
@FunctionalInterface
public interface PasswordSource {
    char[] password(Transfer transfer, OvirtOptions options) throws IOException;

    /** The password file named by the {@code password_file} option (first line, trailing newline dropped). */
    static PasswordSource fromFile() {
        return (t, o) -> {
            if (o.passwordFile() == null) {
                throw new IOException("no password: give --password-file (a file holding the engine password)");
            }
            String s = java.nio.file.Files.readString(o.passwordFile());
            int nl = s.indexOf('\n');
            return (nl >= 0 ? s.substring(0, nl) : s).replace("\r", "").toCharArray();
        };
    }
}
