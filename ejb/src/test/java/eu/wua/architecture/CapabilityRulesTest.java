package eu.wua.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.persistence.Entity;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The dependency rule between capabilities (docs/ARCHITECTURE.md): each capability uses only the
 * ones below it, never one above, and reads and writes only its own tables (its JPQL names only its
 * own entities; another capability's rows are reached through that capability's beans).
 */
class CapabilityRulesTest {

    /** Bottom to top: a capability may use those before it in this list. */
    static final List<String> LAYERS = List.of("wscd", "platform", "audit", "console", "trust", "status", "walletprovider", "issuer", "verifier", "demo");

    private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.wua");

    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern JPQL_ENTITY = Pattern.compile("\\b(?:FROM|JOIN|UPDATE|INTO)\\s+([A-Z]\\w*)|,\\s*([A-Z]\\w*)\\s+[a-z]\\w*\\b");
    private static final Pattern FOUND_ENTITY = Pattern.compile("\\.(?:find|getReference)\\(\\s*([A-Z]\\w*)\\.class");

    @Test
    void noCapabilityUsesOneAboveIt() {
        var layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS) {
            layers = layers.layer(layer).definedBy("eu.wua." + layer + "..");
        }
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            layers = layers.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(LAYERS.subList(i + 1, LAYERS.size()).toArray(String[]::new));
        }
        layers.whereLayer("walletprovider").mayOnlyBeAccessedByLayers("demo").check(CLASSES);
    }

    @Test
    void noCapabilityQueriesAnotherCapabilitysTables() throws IOException {
        Map<String, String> owners = new TreeMap<>();
        for (JavaClass entity : CLASSES) {
            if (entity.isAnnotatedWith(Entity.class)) {
                owners.put(entity.getSimpleName(), capability(entity.getPackageName()));
            }
        }
        List<String> violations = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/eu/wua"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                String capability = capability(source.getParent().toString().replace('/', '.'));
                String text = Files.readString(source);
                for (String entity : entitiesNamed(text)) {
                    String owner = owners.get(entity);
                    if (owner != null && !owner.equals(capability)) {
                        violations.add(source + " (" + capability + ") reaches into " + entity + " (" + owner + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void everyCapabilitySaysWhatItOwnsAndMayUse() throws IOException {
        List<String> silent = new ArrayList<>();
        try (Stream<Path> packages = Files.list(Path.of("src/main/java/eu/wua"))) {
            for (Path capability : packages.filter(Files::isDirectory).toList()) {
                Path info = capability.resolve("package-info.java");
                if (!Files.exists(info) || !Files.readString(info).contains("May use")) {
                    silent.add(capability.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), silent, "capabilities without a package-info.java naming what they may use");
        assertEquals(LAYERS.stream().sorted().toList(), listCapabilities(), "every capability has its place in LAYERS");
    }

    private static List<String> listCapabilities() throws IOException {
        try (Stream<Path> packages = Files.list(Path.of("src/main/java/eu/wua"))) {
            return packages.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** The entities a source queries: named in JPQL string literals or passed to find/getReference. */
    private static List<String> entitiesNamed(String source) {
        List<String> named = new ArrayList<>();
        Matcher literals = STRING_LITERAL.matcher(source);
        while (literals.find()) {
            Matcher jpql = JPQL_ENTITY.matcher(literals.group(1));
            while (jpql.find()) {
                named.add(jpql.group(1) != null ? jpql.group(1) : jpql.group(2));
            }
        }
        Matcher found = FOUND_ENTITY.matcher(source);
        while (found.find()) {
            named.add(found.group(1));
        }
        return named;
    }

    private static String capability(String packageName) {
        String rest = packageName.substring(packageName.indexOf("eu.wua.") + "eu.wua.".length());
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    }
}
