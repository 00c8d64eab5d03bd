package io.ferry.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Direction;
import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseGroup;
import io.ferry.domain.TransferPhase;
import io.ferry.ui.common.Actions;
import io.ferry.ui.settings.Theme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** English, Japanese and French carry the same keys, every key the code asks for exists, every pattern formats. */
class BundleCompletenessTest {

    private static Set<String> keys(Locale l) {
        return new TreeSet<>(I18n.load(l).keySet());
    }

    @Test
    void everyLanguageHasExactlyTheEnglishKeys() {
        Set<String> en = keys(Locale.ENGLISH);
        assertThat(en).hasSizeGreaterThan(150);
        for (Locale l : List.of(Locale.JAPANESE, Locale.FRENCH)) {
            ResourceBundle b = I18n.load(l);
            // the bundle for ja/fr must not silently fall back to English: look at its own keys only
            Set<String> own = new TreeSet<>(b.keySet());
            assertThat(own).as("keys in %s", l).containsExactlyInAnyOrderElementsOf(en);
            Set<String> missingOwn = new TreeSet<>();
            for (String k : en) {
                if (!ownKeys(l).contains(k)) {
                    missingOwn.add(k);
                }
            }
            assertThat(missingOwn).as("keys %s inherits from English instead of translating", l).isEmpty();
        }
    }

    /** Keys defined in the language's own file (not inherited from the base bundle). */
    private static Set<String> ownKeys(Locale l) {
        try (var in = BundleCompletenessTest.class.getResourceAsStream(
                "/io/ferry/ui/i18n/messages_" + l.getLanguage() + ".properties")) {
            var p = new java.util.Properties();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            return p.stringPropertyNames();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noValueIsBlankAndEveryPatternFormats() {
        for (Locale l : I18n.SUPPORTED) {
            ResourceBundle b = I18n.load(l);
            for (String k : b.keySet()) {
                String v = b.getString(k);
                assertThat(v).as("%s in %s", k, l).isNotBlank();
                if (v.contains("{0")) {
                    assertThat(v.replace("''", "")).as("%s in %s: a single ' breaks MessageFormat", k, l).doesNotContain("'");
                    String out = new MessageFormat(v, l).format(new Object[] {3L, 2L, "x", "y"});
                    assertThat(out).as("%s in %s", k, l).doesNotContain("{0").doesNotContain("{1");
                }
            }
        }
    }

    @Test
    void everyKeyTheDomainNeedsExists() {
        List<String> needed = new ArrayList<>();
        for (TransferPhase p : TransferPhase.values()) {
            needed.add("phase." + p.apiName());
        }
        for (PhaseGroup g : PhaseGroup.values()) {
            needed.add("group." + g.name().toLowerCase(Locale.ROOT));
        }
        for (Direction d : Direction.values()) {
            needed.add("direction." + d.wireName());
        }
        for (ErrorCode.RetryGuidance g : ErrorCode.RetryGuidance.values()) {
            needed.add("guidance." + g.name().toLowerCase(Locale.ROOT));
        }
        for (Actions a : Actions.values()) {
            needed.add(a.textKey());
            needed.add(a.textKey() + ".tip");
        }
        for (Theme t : Theme.values()) {
            needed.add("theme." + t.key());
        }
        for (Locale l : I18n.SUPPORTED) {
            needed.add("language." + l.getLanguage());
        }
        for (String p : List.of("local", "ovirt", "gcs", "element", "ims")) {
            needed.add("provider." + p);
        }
        for (Locale l : I18n.SUPPORTED) {
            assertThat(keys(l)).as("keys in %s", l).containsAll(needed);
        }
    }

    @Test
    void everyKeyLiteralInTheUiSourcesExists() throws IOException {
        Pattern literal = Pattern.compile("\"([a-z]+(?:\\.[A-Za-z_]+)+)\"");
        Set<String> prefixes = Set.of("action", "app", "banner", "button", "column", "confirm", "counter", "counterGroup",
                "detail", "drop", "error", "filter", "format", "menu", "newTransfer", "notify", "reason", "settings", "status",
                "table", "unit");
        Set<String> missing = new TreeSet<>();
        Set<String> en = keys(Locale.ENGLISH);
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/ferry/ui"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    String k = m.group(1);
                    if (prefixes.contains(k.substring(0, k.indexOf('.'))) && !k.endsWith(".") && !en.contains(k)) {
                        missing.add(k + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
