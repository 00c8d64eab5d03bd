package io.ferry.ui.secrets;

import java.util.ArrayList;
import java.util.List;

/** A secrets file that exists (LOCKED) with {@code passphrase}, or not yet (null: ABSENT). */
public final class InMemorySecrets implements SecretsPort {
    public String passphrase;
    public boolean open;
    public final List<char[]> received = new ArrayList<>();
    public String location = "/data/secrets.enc";

    public InMemorySecrets(String passphrase) {
        this.passphrase = passphrase;
    }

    @Override
    public State state() {
        return open ? State.OPEN : passphrase == null ? State.ABSENT : State.LOCKED;
    }

    @Override
    public String fileLocation() {
        return location;
    }

    @Override
    public void unlock(char[] typed) throws SecretsException {
        received.add(typed);
        if (passphrase != null && !passphrase.equals(new String(typed))) {
            throw new SecretsException("The passphrase does not open the secrets file " + location + "; nothing was changed.");
        }
        passphrase = new String(typed);
        open = true;
    }
}
