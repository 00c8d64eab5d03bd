package io.ferry.ui.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.ui.i18n.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The passphrase sheet's view model, without a stage, over an in-memory port that keeps one passphrase ({@link InMemorySecrets}). */
class PassphraseViewModelTest {
    private final I18n i18n = new I18n(Locale.ENGLISH);

    private final List<String> unlocked = new ArrayList<>();

    private PassphraseViewModel vm(InMemorySecrets port) {
        return new PassphraseViewModel(port, port.state(), port.fileLocation(), i18n, Runnable::run, Runnable::run,
                () -> unlocked.add("unlocked"));
    }

    @Test
    void aWrongPassphraseSaysSoClearsTheFieldAndLeavesTheFileLocked() {
        InMemorySecrets port = new InMemorySecrets("correct horse battery");
        PassphraseViewModel vm = vm(port);
        assertThat(vm.creating()).isFalse();
        assertThat(vm.messageProperty().get()).as("nothing typed yet: nothing to point at").isEmpty();
        assertThat(vm.canUnlockProperty().get()).isFalse();

        vm.passphraseProperty().set("wrong guess 1");
        vm.unlock();

        assertThat(unlocked).isEmpty();
        assertThat(port.state()).isEqualTo(SecretsPort.State.LOCKED);
        assertThat(vm.messageProperty().get()).startsWith("Not unlocked: The passphrase does not open the secrets file")
                .doesNotContain("wrong guess 1");
        assertThat(vm.passphraseProperty().get()).isEmpty();
        assertThat(port.received.getFirst()).as("the typed passphrase is wiped after use").containsOnly('\0');
        assertThat(vm.busyProperty().get()).isFalse();

        vm.passphraseProperty().set("c");
        assertThat(vm.errorProperty().get()).as("typing again clears the failure").isEmpty();
        vm.passphraseProperty().set("correct horse battery");
        vm.unlock();

        assertThat(unlocked).containsExactly("unlocked");
        assertThat(port.state()).isEqualTo(SecretsPort.State.OPEN);
        assertThat(vm.passphraseProperty().get()).isEmpty();
        assertThat(vm.messageProperty().get()).isEmpty();
    }

    @Test
    void creatingTheFileTakesTheSamePassphraseTwiceOfAtLeastEightCharacters() {
        InMemorySecrets port = new InMemorySecrets(null);
        PassphraseViewModel vm = vm(port);
        assertThat(vm.creating()).isTrue();

        vm.passphraseProperty().set("short");
        assertThat(vm.messageProperty().get()).isEqualTo("Choose a passphrase of at least 8 characters.");
        assertThat(vm.canUnlockProperty().get()).isFalse();
        vm.passphraseProperty().set("long enough");
        vm.confirmationProperty().set("long enuogh");
        assertThat(vm.messageProperty().get()).isEqualTo("The two passphrases differ.");
        vm.unlock();
        assertThat(port.received).as("Create does nothing while the two differ").isEmpty();

        vm.confirmationProperty().set("long enough");
        assertThat(vm.canUnlockProperty().get()).isTrue();
        vm.unlock();

        assertThat(unlocked).containsExactly("unlocked");
        assertThat(port.passphrase).isEqualTo("long enough");
        assertThat(vm.confirmationProperty().get()).isEmpty();
    }

    @Test
    void anOpenStoreHasNothingToUnlock() {
        InMemorySecrets port = new InMemorySecrets("x");
        port.open = true;
        assertThatThrownBy(() -> vm(port)).isInstanceOf(IllegalArgumentException.class);
    }
}
