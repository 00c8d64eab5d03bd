package io.ferry.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.connections.ConnectionsPort.Profile;
import io.ferry.ui.i18n.I18n;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Connections manager without a stage: list, add, edit, remove, and a test result per profile. */
class ConnectionsViewModelTest {
    private final InMemoryConnections port = new InMemoryConnections();
    private final ConnectionsViewModel vm = new ConnectionsViewModel(port, new I18n(Locale.ENGLISH), Runnable::run, Runnable::run);

    private Profile gcs(String name, String project) throws Exception {
        return port.save(new Profile("", Kind.GCS, name, Map.of(ProfileFields.PROJECT, project)), null);
    }

    @Test
    void listsProfilesByNameAndDescribesWhereTheyPoint() throws Exception {
        gcs("zeta", "p-z");
        port.save(new Profile("", Kind.OVIRT, "Alpha engine", Map.of(ProfileFields.ENGINE, "https://engine.example.com",
                ProfileFields.USER, "admin@internal")), "pw".toCharArray());
        vm.refresh();
        assertThat(vm.profiles()).extracting(Profile::name).containsExactly("Alpha engine", "zeta");
        assertThat(vm.describe(vm.profiles().get(0))).isEqualTo("oVirt / RHV — admin@internal @ https://engine.example.com");
        assertThat(vm.describe(vm.profiles().get(1))).isEqualTo("Google Storage Transfer — p-z · Application Default Credentials");
    }

    @Test
    void addingThroughTheEditorListsAndSelectsTheNewProfile() {
        ProfileEditorViewModel editor = vm.add(Kind.GCS);
        assertThat(vm.editorProperty().get()).isSameAs(editor);
        editor.nameProperty().set("Lake");
        editor.field(ProfileFields.PROJECT).set("ferry-lake");
        editor.save();
        assertThat(vm.editorProperty().get()).isNull();
        assertThat(vm.profiles()).extracting(Profile::name).containsExactly("Lake");
        assertThat(vm.selectedProperty().get().name()).isEqualTo("Lake");
    }

    @Test
    void theTestResultStaysBesideItsProfile() throws Exception {
        Profile a = gcs("a", "pa");
        Profile b = gcs("b", "pb");
        vm.refresh();
        vm.selectedProperty().set(vm.profiles().get(0));
        port.testSummary = "Storage Transfer API answered for project pa (12 operations)";
        vm.testSelected();
        vm.selectedProperty().set(vm.profiles().get(1));
        port.testFails = "PERMISSION_DENIED: storagetransfer.operations.list denied on project pb";
        vm.testSelected();
        assertThat(vm.outcomes().get(a.id())).isEqualTo(new ConnectionsViewModel.TestOutcome(false, true,
                "Storage Transfer API answered for project pa (12 operations)"));
        assertThat(vm.outcomes().get(b.id()).ok()).isFalse();
        assertThat(vm.outcomes().get(b.id()).text()).contains("PERMISSION_DENIED");
        assertThat(port.testedWithSecret).containsOnlyNulls();
    }

    @Test
    void removingDeletesTheProfileAndItsSecret() throws Exception {
        Profile p = port.save(new Profile("", Kind.IMS, "otc", Map.of()), "pw".toCharArray());
        vm.refresh();
        vm.selectedProperty().set(vm.profiles().getFirst());
        vm.removeSelected();
        assertThat(vm.profiles()).isEmpty();
        assertThat(port.secrets).doesNotContainKey(p.id());
        assertThat(vm.selectedProperty().get()).isNull();
    }

    @Test
    void editingOpensWithTheStoredValuesAndKnowsASecretIsStored() throws Exception {
        port.save(new Profile("", Kind.ELEMENT, "cluster", Map.of(ProfileFields.MVIP, "https://10.0.0.10", ProfileFields.USERNAME, "admin",
                ProfileFields.API_VERSION, "12.3", ProfileFields.PINNED_SHA256, "11:22")), "pw".toCharArray());
        vm.refresh();
        vm.selectedProperty().set(vm.profiles().getFirst());
        vm.editSelected();
        ProfileEditorViewModel editor = vm.editorProperty().get();
        assertThat(editor.field(ProfileFields.MVIP).get()).isEqualTo("https://10.0.0.10");
        assertThat(editor.secretStored()).isTrue();
        assertThat(editor.confirmedProperty().get()).isTrue();
        assertThat(editor.canSaveProperty().get()).as("stored secret and confirmed pin: nothing to re-enter").isTrue();
        vm.closeEditor();
        assertThat(vm.editorProperty().get()).isNull();
    }
}
