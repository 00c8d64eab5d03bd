package io.ferry.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.ui.connections.ConnectionsPort.Kind;
import io.ferry.ui.i18n.I18n;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every key the connection, watch and oVirt screens ask for (literal or built per kind and field) exists in en, ja, fr. */
class ConnectionsBundleKeysTest {
    @Test
    void everyKeyOfTheseScreensExistsInEveryLanguage() throws IOException {
        List<String> needed = new ArrayList<>();
        for (Kind k : Kind.values()) {
            String id = k.providerId();
            needed.addAll(List.of("connections.kind." + id, "watch.prompt.id." + id, "watch.problem.id." + id, "watch.name." + id));
            for (ProfileFields.Field f : ProfileFields.of(k)) {
                needed.add(f.labelKey());
                needed.add(f.promptKey());
            }
            if (ProfileFields.pinsCertificate(k)) {
                needed.add("connections.certificate." + id);
            }
        }
        for (String f : List.of("raw", "cow")) {
            needed.add("ovirt.format." + f);
        }
        Pattern literal = Pattern.compile("\"((?:connections|watch|ovirt|menu)\\.[A-Za-z_.]+[A-Za-z_])\"");
        for (String pkg : List.of("connections", "watch", "ovirt")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/ferry/ui", pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Files.readString(f));
                    while (m.find()) {
                        needed.add(m.group(1));
                    }
                }
            }
        }
        for (Locale l : I18n.SUPPORTED) {
            Set<String> keys = new TreeSet<>(I18n.load(l).keySet());
            assertThat(keys).as("keys in %s", l).containsAll(needed);
        }
    }
}
