package io.ferry.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.ui.demo.DemoTransfers;
import io.ferry.ui.i18n.I18n;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Settings apply at once: to the store port, the engine and the language. */
class SettingsViewModelTest {
    private final DemoTransfers engine = new DemoTransfers(Instant.parse("2026-11-23T10:30:00Z"));
    private final InMemorySettings store = new InMemorySettings();
    private final I18n i18n = new I18n(Locale.ENGLISH);

    @Test
    void storedValuesAreAppliedToTheEngineAtStart() {
        store.put(SettingsViewModel.KEY_MAX_CONCURRENT, "5");
        store.put(SettingsViewModel.KEY_BANDWIDTH, "1048576");
        store.put(SettingsViewModel.KEY_LANGUAGE, "ja");
        store.put(SettingsViewModel.KEY_THEME, "dark");
        SettingsViewModel vm = new SettingsViewModel(store, engine, i18n);
        assertThat(engine.maxConcurrent()).isEqualTo(5);
        assertThat(engine.bandwidthLimit()).isEqualTo(1048576);
        assertThat(i18n.locale()).isEqualTo(Locale.JAPANESE);
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
    }

    @Test
    void changesAreSavedAndAppliedAtOnce() {
        SettingsViewModel vm = new SettingsViewModel(store, engine, i18n);
        vm.maxConcurrentProperty().set(8);
        vm.setBandwidthLimitMiB(25);
        vm.verifyByDefaultProperty().set(false);
        vm.themeProperty().set(Theme.DARK);
        vm.languageProperty().set(Locale.FRENCH);
        assertThat(engine.maxConcurrent()).isEqualTo(8);
        assertThat(engine.bandwidthLimit()).isEqualTo(25L * 1024 * 1024);
        assertThat(i18n.get("action.pause")).isEqualTo("Suspendre");
        assertThat(store.snapshot()).containsEntry(SettingsViewModel.KEY_MAX_CONCURRENT, "8")
                .containsEntry(SettingsViewModel.KEY_BANDWIDTH, Long.toString(25L * 1024 * 1024))
                .containsEntry(SettingsViewModel.KEY_VERIFY, "false")
                .containsEntry(SettingsViewModel.KEY_THEME, "dark")
                .containsEntry(SettingsViewModel.KEY_LANGUAGE, "fr");
        // and a new window reads them back
        I18n again = new I18n(Locale.ENGLISH);
        SettingsViewModel reread = new SettingsViewModel(store, engine, again);
        assertThat(reread.verifyByDefaultProperty().get()).isFalse();
        assertThat(reread.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(again.locale()).isEqualTo(Locale.FRENCH);
    }

    @Test
    void aDamagedStoredValueFallsBackToTheDefaultInsteadOfFailingTheStart() {
        store.put(SettingsViewModel.KEY_MAX_CONCURRENT, "lots");
        store.put(SettingsViewModel.KEY_BANDWIDTH, "-7");
        store.put(SettingsViewModel.KEY_THEME, "purple");
        store.put(SettingsViewModel.KEY_LANGUAGE, "xx");
        SettingsViewModel vm = new SettingsViewModel(store, engine, i18n);
        assertThat(vm.maxConcurrentProperty().get()).isEqualTo(3);
        assertThat(vm.bandwidthLimitProperty().get()).isZero();
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.SYSTEM);
        assertThat(vm.languageProperty().get()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void systemLanguageFollowsTheOperatingSystem() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.JAPAN);
            store.put(SettingsViewModel.KEY_LANGUAGE, "system");
            assertThat(SettingsViewModel.storedLanguage(store)).isEqualTo(Locale.JAPANESE);
            Locale.setDefault(Locale.GERMANY); // not one of Ferry's languages
            assertThat(SettingsViewModel.storedLanguage(store)).isEqualTo(Locale.ENGLISH);
        } finally {
            Locale.setDefault(before);
        }
    }
}
