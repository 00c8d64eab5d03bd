package io.ferry.ui.newtransfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Transfer;
import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.i18n.I18n;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The New transfer sheet's view model with real files in a temp folder. */
class NewTransferViewModelTest {
    @TempDir
    Path tmp;

    private DemoTransfers engine;
    private NewTransferViewModel vm;

    @BeforeEach
    void setUp() {
        engine = new DemoTransfers(Instant.parse("2026-11-23T10:30:00Z"));
        vm = new NewTransferViewModel(engine, new I18n(Locale.ENGLISH), Runnable::run, Runnable::run, () -> true);
    }

    @Test
    void usableFilesOpenTheSheetAndMissingOnesAreNamed() throws Exception {
        Path file = Files.writeString(tmp.resolve("disk.img"), "x".repeat(4096));
        Path missing = tmp.resolve("gone.iso");
        String problem = vm.open(List.of(file, missing));
        assertThat(vm.showingProperty().get()).isTrue();
        assertThat(vm.sources()).containsExactly(file);
        assertThat(problem).contains("gone.iso").contains("does not exist");
        assertThat(vm.verifyProperty().get()).as("verify follows the setting").isTrue();
    }

    @Test
    void nothingUsableDoesNotOpenTheSheet() {
        String problem = vm.open(List.of(tmp.resolve("nope")));
        assertThat(vm.showingProperty().get()).isFalse();
        assertThat(problem).contains("nope");
    }

    @Test
    void validationSaysWhatIsWrongUntilItCanStart() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.qcow2"), "data");
        Path dest = Files.createDirectory(tmp.resolve("dest"));
        vm.open(List.of(file));
        assertThat(vm.canConfirmProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEqualTo("Choose a destination folder.");
        vm.destinationProperty().set(tmp.resolve("not-there"));
        assertThat(vm.problemProperty().get()).contains("is not a folder");
        vm.destinationProperty().set(tmp);
        assertThat(vm.problemProperty().get()).contains("onto itself");
        Files.writeString(dest.resolve("a.qcow2"), "old");
        vm.destinationProperty().set(dest);
        assertThat(vm.problemProperty().get()).contains("already exists").contains("Overwrite");
        vm.overwriteProperty().set(true);
        assertThat(vm.canConfirmProperty().get()).isTrue();
        assertThat(vm.problemProperty().get()).isEmpty();
    }

    @Test
    void confirmSubmitsOneLocalCopyPerSourceWithTheOptions() throws Exception {
        Path f1 = Files.writeString(tmp.resolve("one.bin"), "1");
        Path f2 = Files.writeString(tmp.resolve("two.bin"), "22");
        Path dest = Files.createDirectory(tmp.resolve("out"));
        vm.open(List.of(f1, f2));
        vm.destinationProperty().set(dest);
        vm.verifyProperty().set(false);
        vm.confirm();
        assertThat(vm.showingProperty().get()).isFalse();
        List<Transfer> started = engine.list();
        assertThat(started).extracting(Transfer::name).containsExactly("one.bin", "two.bin");
        assertThat(started).allSatisfy(t -> {
            assertThat(t.provider()).isEqualTo("local");
            assertThat(t.option("verify", "?")).isEqualTo("false");
            assertThat(t.option("overwrite", "?")).isEqualTo("false");
        });
        assertThat(started.getFirst().target()).isEqualTo(dest.resolve("one.bin").toString());
        assertThat(started.getFirst().source()).isEqualTo(f1.toString());
    }
}
