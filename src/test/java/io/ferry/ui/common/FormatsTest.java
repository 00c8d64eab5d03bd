package io.ferry.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.ui.i18n.I18n;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table and the detail pane show a transfer's times on the same clock; the detail adds the year and seconds. */
class FormatsTest {
    private static final Instant EVENING = Instant.parse("2026-11-23T19:15:03Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en | Nov 23, 19:15 | Nov 23, 2026, 19:15:03",
            "fr | 23 nov. 19:15 | 23 nov. 2026 19:15:03",
            "ja | 11/23 19:15   | 2026/11/23 19:15:03"})
    void theDetailPaneUsesTheTablesClockWithTheYearAndSeconds(String lang, String table, String detail) {
        Formats f = Formats.of(new I18n(Locale.forLanguageTag(lang)), ZoneOffset.UTC);

        assertThat(f.dateTime(EVENING)).isEqualTo(table);
        assertThat(f.dateTimeLong(EVENING)).isEqualTo(detail);
        assertThat(f.dateTimeLong(null)).isEmpty();
    }
}
