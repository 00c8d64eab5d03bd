package io.ferry.ui.secrets;

import io.ferry.ui.i18n.I18n;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The passphrase of the encrypted secrets file, asked when the OS has no secret store and FERRY_PASSPHRASE is unset:
 * unlocks the existing file, or creates it (the passphrase typed twice, at least {@value #MIN_CREATE_LENGTH}
 * characters). A wrong passphrase shows the store's message, clears the field and changes nothing. The typed text
 * goes to the port once, as a char array that is wiped afterwards; nothing here logs it.
 */
public final class PassphraseViewModel {
    public static final int MIN_CREATE_LENGTH = 8;

    private final SecretsPort port;
    private final I18n i18n;
    private final Executor background;
    private final Executor ui;
    private final boolean creating;
    private final String fileLocation;
    private final Runnable onUnlocked;
    private final StringProperty passphrase = new SimpleStringProperty(this, "passphrase", "");
    private final StringProperty confirmation = new SimpleStringProperty(this, "confirmation", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper canUnlock = new ReadOnlyBooleanWrapper(this, "canUnlock");

    /**
     * @param state      {@link SecretsPort.State#LOCKED} (unlock the file) or {@link SecretsPort.State#ABSENT} (create it)
     * @param onUnlocked runs on the UI executor once the file is open
     */
    public PassphraseViewModel(SecretsPort port, SecretsPort.State state, String fileLocation, I18n i18n,
            Executor background, Executor ui, Runnable onUnlocked) {
        if (state == SecretsPort.State.OPEN) {
            throw new IllegalArgumentException("a secret store is already open: there is nothing to unlock");
        }
        this.port = port;
        this.i18n = i18n;
        this.background = background;
        this.ui = ui;
        this.creating = state == SecretsPort.State.ABSENT;
        this.fileLocation = fileLocation;
        this.onUnlocked = onUnlocked;
        for (Observable o : List.of(passphrase, confirmation, busy, error, i18n.localeProperty())) {
            o.addListener(x -> validate());
        }
        passphrase.addListener(x -> error.set(""));
        validate();
    }

    private void validate() {
        String p = check();
        problem.set(p);
        canUnlock.set(p.isEmpty() && !busy.get());
        // an empty field is not a problem to point at until something is typed; a failed unlock always shows
        boolean typed = !passphrase.get().isEmpty() || !confirmation.get().isEmpty();
        message.set(!error.get().isEmpty() ? error.get() : typed ? p : "");
    }

    private String check() {
        String pw = passphrase.get();
        if (pw.isEmpty()) {
            return i18n.get("passphrase.problem.empty");
        }
        if (creating) {
            if (pw.length() < MIN_CREATE_LENGTH) {
                return i18n.get("passphrase.problem.short", MIN_CREATE_LENGTH);
            }
            if (!pw.equals(confirmation.get())) {
                return i18n.get("passphrase.problem.mismatch");
            }
        }
        return "";
    }

    /** Unlocks (or creates) the file; does nothing while {@link #canUnlockProperty()} is false. */
    public void unlock() {
        validate();
        if (!canUnlock.get()) {
            return;
        }
        char[] typed = passphrase.get().toCharArray();
        busy.set(true);
        error.set("");
        background.execute(() -> {
            try {
                port.unlock(typed);
                ui.execute(() -> {
                    passphrase.set("");
                    confirmation.set("");
                    busy.set(false);
                    onUnlocked.run();
                });
            } catch (SecretsException | RuntimeException e) {
                String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
                String msg = i18n.get(creating ? "passphrase.createFailed" : "passphrase.unlockFailed", why);
                ui.execute(() -> {
                    passphrase.set("");
                    busy.set(false);
                    error.set(msg);
                });
            } finally {
                Arrays.fill(typed, '\0');
            }
        });
    }

    /** True when there is no file yet: the passphrase chosen now creates it (typed twice). */
    public boolean creating() {
        return creating;
    }

    public String fileLocation() {
        return fileLocation;
    }

    public StringProperty passphraseProperty() {
        return passphrase;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    /** What keeps Unlock disabled (also while nothing is typed). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The last unlock failure, until the passphrase is typed again. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The one line the sheet shows: the failure, else the problem once something is typed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUnlockProperty() {
        return canUnlock.getReadOnlyProperty();
    }
}
