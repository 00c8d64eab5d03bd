package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry --create-aot-cache} (run by the installers' post-install scripts). The training run itself needs the
 * packaged runtime: packaging/check-linux.sh runs it on the unpacked .deb.
 */
class AotCacheTest {
    @Test
    void onlyTheBareOptionAsksForTheCache() {
        assertThat(AotCache.requested(new String[] {"--create-aot-cache"})).isTrue();
        assertThat(AotCache.requested(new String[0])).isFalse();
        assertThat(AotCache.requested(new String[] {"open", "--create-aot-cache"})).isFalse();
    }

    @Test
    void theCacheIsTheOneTheLauncherNames() {
        assertThat(AotCache.cachePath(List.of("-Xmx1g", "-XX:AOTCache=/opt/ferry/lib/app/ferry.aot", "-Xlog:aot=off")))
                .contains(Path.of("/opt/ferry/lib/app/ferry.aot"));
        assertThat(AotCache.cachePath(List.of("-Xmx1g"))).isEmpty();
    }

    @Test
    void trainingRunKeepsTheLaunchersOptionsAndClassPathAndRecordsIntoTheCache() {
        List<String> command = AotCache.trainingCommand(Path.of("/opt/ferry/lib/runtime/bin/java"),
                List.of("-Djava.class.path=/opt/ferry/lib/app/ferry.jar", "--enable-native-access=ALL-UNNAMED",
                        "-XX:AOTCache=/opt/ferry/lib/app/ferry.aot", "-Xlog:aot=off", "-Djpackage.app-version=0.1.0"),
                Path.of("/opt/ferry/lib/app/ferry.aot"), "/opt/ferry/lib/app/ferry.jar:/opt/ferry/lib/app/b.jar");

        assertThat(command).containsExactly("/opt/ferry/lib/runtime/bin/java", "--enable-native-access=ALL-UNNAMED",
                "-Djpackage.app-version=0.1.0", "-XX:AOTCacheOutput=/opt/ferry/lib/app/ferry.aot",
                "-Dglass.platform=Headless", "-Dprism.order=sw", "-cp",
                "/opt/ferry/lib/app/ferry.jar:/opt/ferry/lib/app/b.jar", "io.ferry.app.Launcher");
    }

    @Test
    void withoutACacheOptionItSaysSoAndFails() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = AotCache.create(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("names no AOT cache");
    }
}
