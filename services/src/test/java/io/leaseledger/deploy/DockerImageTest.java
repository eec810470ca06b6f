package io.leaseledger.deploy;

import io.leaseledger.deploy.ComposeFile.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile, never built here (no Docker engine): what it copies exists and is not ignored,
 * it builds and runs on Java 25 as a non-root user, its launcher starts the JVM exactly as
 * bin/leaseledger does, and the capabilities it gives its DHCP launcher are the ones compose
 * grants the racks and the launcher checks for.
 */
class DockerImageTest {

    private static final Path REPOSITORY = ComposeFile.REPOSITORY;

    private static Dockerfile dockerfile;

    @BeforeAll
    static void load() throws IOException {
        dockerfile = Dockerfile.load();
    }

    @Test
    void buildsOnAJdk25AndRunsOnAJre25() {
        assertThat(all("FROM")).containsExactly("eclipse-temurin:25-jdk AS build", "eclipse-temurin:25-jre");
    }

    @Test
    void everyCopiedSourceIsInTheRepositoryAndNotIgnored() throws IOException {
        List<String> ignored = Files.readAllLines(REPOSITORY.resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> sources = new ArrayList<>();
        for (String copy : all("COPY")) {
            if (copy.startsWith("--from=")) {
                continue;
            }
            String[] parts = copy.split("\\s+");
            sources.addAll(Arrays.asList(parts).subList(0, parts.length - 1));
        }
        assertThat(sources).contains("pom.xml", "mvnw", "services/", "deploy/docker/leaseledger");
        for (String source : sources) {
            assertThat(REPOSITORY.resolve(source)).as("COPY " + source).exists();
            String top = source.replaceAll("/$", "");
            assertThat(ignored).as(".dockerignore hides " + source).doesNotContain(top, top + "/");
        }
        assertThat(ignored).contains("**/target", ".git");
    }

    @Test
    void buildsWithTheWrapperTheWayBinLeaseledgerDoes() throws IOException {
        String binLeaseledger = Files.readString(REPOSITORY.resolve("bin/leaseledger"));
        String build = all("RUN").getFirst();
        Matcher m = Pattern.compile("\\./mvnw -B -q -DskipTests (?:-\\S+ )*-pl services -am package").matcher(build);
        assertThat(m.find()).as(build).isTrue();
        assertThat(binLeaseledger).contains("./mvnw -B -q -DskipTests -pl services -am package");
        assertThat(build).contains("services/target/leaseledger.jar", "services/target/lib");
    }

    @Test
    void runsAsANonRootUserThroughTheImagesLauncher() {
        List<String> users = all("USER");
        assertThat(users).isNotEmpty().last().isNotIn("root", "0");
        String copied = all("COPY").stream().filter(c -> c.startsWith("deploy/docker/leaseledger ")).findFirst().orElseThrow();
        String launcher = copied.split("\\s+")[1];
        assertThat(all("ENTRYPOINT")).containsExactly("[\"" + launcher + "\"]");
        assertThat(all("CMD").getFirst()).contains(ComposeFile.NODE_CONFIG);
        int user = dockerfile.instructions().indexOf("USER " + users.getLast());
        int entry = dockerfile.instructions().indexOf("ENTRYPOINT " + all("ENTRYPOINT").getFirst());
        assertThat(user).isLessThan(entry);
    }

    @Test
    void theImagesLauncherStartsTheJvmAsBinLeaseledgerDoes() throws IOException {
        String jvmFlags = "exec \"\\$[a-zA-Z_{}]+(?:/bin/java)?\" (.+) -jar \"";
        Matcher bin = Pattern.compile(jvmFlags).matcher(joinedLines(REPOSITORY.resolve("bin/leaseledger")));
        Matcher image = Pattern.compile(jvmFlags).matcher(joinedLines(REPOSITORY.resolve("deploy/docker/leaseledger")));
        assertThat(bin.find()).as("bin/leaseledger's exec line").isTrue();
        assertThat(image.find()).as("deploy/docker/leaseledger's exec line").isTrue();
        assertThat(image.group(1)).isEqualTo(bin.group(1));
        // Both choose their options with the same file, which the image carries beside its launcher.
        assertThat(joinedLines(REPOSITORY.resolve("bin/leaseledger"))).contains(". \"$ROOT/bin/jvm-options\"");
        assertThat(joinedLines(REPOSITORY.resolve("deploy/docker/leaseledger"))).contains(". \"$APP/bin/jvm-options\"");
        assertThat(all("COPY")).contains("bin/jvm-options /opt/leaseledger/bin/jvm-options");
    }

    @Test
    void theDhcpLauncherHasExactlyTheCapabilitiesComposeGrantsTheRacksAndTheLauncherChecks() throws IOException {
        Matcher setcap = Pattern.compile("setcap ([a-z_,]+)=ep \"\\$JAVA_HOME/bin/java-dhcp\"").matcher(String.join("\n", all("RUN")));
        assertThat(setcap.find()).as("the Dockerfile sets file capabilities on java-dhcp").isTrue();
        Set<String> fileCapabilities = new TreeSet<>(Arrays.asList(setcap.group(1).split(",")));

        ComposeFile compose = ComposeFile.load();
        for (String rack : ComposeWiringTest.RACKS) {
            Service node = compose.service(rack);
            assertThat(node.strings("cap_drop")).as(rack).containsExactly("ALL");
            Set<String> granted = new TreeSet<>(node.strings("cap_add").stream().map(c -> "cap_" + c.toLowerCase(Locale.ROOT)).toList());
            assertThat(granted).as(rack).isEqualTo(fileCapabilities);
            assertThat(node.strings("security_opt")).as(rack + ": no-new-privileges would void file capabilities")
                    .noneMatch(o -> o.startsWith("no-new-privileges"));
        }
        Service region = compose.service("region");
        assertThat(region.strings("cap_drop")).containsExactly("ALL");
        assertThat(region.strings("cap_add")).isEmpty();

        // deploy/docker/rehearse-rack plays the image without Docker: the same file capabilities, the racks' bounding set.
        String rehearsal = Files.readString(REPOSITORY.resolve("deploy/docker/rehearse-rack"));
        assertThat(rehearsal).contains("setcap " + setcap.group(1) + "=ep")
                .contains("--bounding-set=-all," + String.join(",", fileCapabilities.stream().map(c -> "+" + c.substring(4)).toList()));

        String launcher = Files.readString(REPOSITORY.resolve("deploy/docker/leaseledger"));
        for (String capability : fileCapabilities) {
            String constant = capability.toUpperCase(Locale.ROOT);
            assertThat(launcher).as("the launcher checks the bounding set for " + constant)
                    .containsPattern(constant + "=" + capabilityNumber(constant) + "\\n")
                    .contains("bounding >> " + constant + " & 1");
        }
    }

    /** A shell script with its continuation lines joined. */
    private static String joinedLines(Path script) throws IOException {
        return Files.readString(script).replaceAll("\\\\\n\\s*", " ");
    }

    /** linux/capability.h */
    private static int capabilityNumber(String name) {
        return switch (name) {
            case "CAP_NET_BIND_SERVICE" -> 10;
            case "CAP_NET_ADMIN" -> 12;
            case "CAP_NET_RAW" -> 13;
            default -> throw new AssertionError("the test does not know " + name + "; add it from linux/capability.h");
        };
    }

    private static List<String> all(String keyword) {
        return dockerfile.all(keyword);
    }
}
