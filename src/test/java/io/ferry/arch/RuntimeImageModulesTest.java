package io.ferry.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The installers ship a jlink'd runtime holding only the JDK modules named by {@code jpackage.modules} in pom.xml
 * (java.desktop is left out: 14 MB). Ferry's own code that reaches for a JDK class outside them would compile and
 * pass every test here, then fail with NoClassDefFoundError in the installed app; this test catches it first.
 */
class RuntimeImageModulesTest {

    @Test
    void ferryUsesOnlyJdkModulesLinkedIntoTheRuntimeImage() throws IOException {
        Set<String> linked = linkedModules();
        JavaClasses ferry = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ferry");

        Set<String> outside = new TreeSet<>();
        for (JavaClass c : ferry) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getBaseComponentType().getName();
                String module = jdkModuleOf(target);
                if (module != null && !linked.contains(module)) {
                    outside.add(c.getName() + " uses " + target + " from " + module);
                }
            }
        }

        assertThat(outside)
                .as("JDK modules missing from jpackage.modules in pom.xml: add the module there (and re-measure the"
                        + " sizes in docs/packaging.md), or use something the runtime has (JavaFX HostServices instead of"
                        + " java.awt.Desktop, javafx.scene.image instead of ImageIO)")
                .isEmpty();
    }

    @Test
    void theModuleListNamesRealModulesAndTheirClosureLeavesOutJavaDesktop() throws IOException {
        Set<String> linked = linkedModules();

        assertThat(linked).contains("java.base", "java.sql", "java.logging", "java.xml", "jdk.unsupported");
        assertThat(linked).doesNotContain("java.desktop");
    }

    /** jpackage.modules from pom.xml plus everything they require, as jlink resolves it. */
    private static Set<String> linkedModules() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<jpackage\\.modules>([^<]+)</jpackage\\.modules>").matcher(pom);
        assertThat(m.find()).as("pom.xml defines jpackage.modules").isTrue();
        Set<String> roots = Arrays.stream(m.group(1).split(",")).map(String::strip).collect(Collectors.toSet());
        Configuration cf = Configuration.empty().resolve(ModuleFinder.ofSystem(), ModuleFinder.of(), roots);
        return cf.modules().stream().map(ResolvedModule::name).collect(Collectors.toSet());
    }

    /** The JDK module defining {@code className}, or null when it is not a JDK class (Ferry, a library, JavaFX). */
    private static String jdkModuleOf(String className) {
        if (className.indexOf('.') < 0) {
            return null; // primitives
        }
        try {
            Module module = Class.forName(className, false, ClassLoader.getPlatformClassLoader()).getModule();
            return module.isNamed() ? module.getName() : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
