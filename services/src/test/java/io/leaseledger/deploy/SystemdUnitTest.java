package io.leaseledger.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/systemd/leaseledger.service (checked with systemd-analyze verify by hand, never started
 * here): it runs bin/leaseledger serve as a non-root user with exactly the capabilities the image
 * gives a DHCP node, and does not restart into a configuration error.
 */
class SystemdUnitTest {

    @Test
    void theUnitRunsServeAsANonRootUserWithTheCapabilitiesOfTheImage() throws IOException {
        Map<String, String> unit = directives(Files.readString(ComposeFile.REPOSITORY.resolve("deploy/systemd/leaseledger.service")));
        assertThat(unit.get("ExecStart")).matches("\\S+/bin/leaseledger serve --config \\S+\\.yaml");
        assertThat(unit.get("User")).isNotBlank().isNotIn("root", "0");
        assertThat(unit.get("NoNewPrivileges")).isEqualTo("true");

        Matcher setcap = Pattern.compile("setcap ([a-z_,]+)=ep").matcher(Files.readString(ComposeFile.REPOSITORY.resolve("Dockerfile")));
        assertThat(setcap.find()).isTrue();
        Set<String> image = new TreeSet<>(Arrays.asList(setcap.group(1).toUpperCase().split(",")));
        assertThat(new TreeSet<>(List.of(unit.get("AmbientCapabilities").split("\\s+")))).isEqualTo(image);
        assertThat(new TreeSet<>(List.of(unit.get("CapabilityBoundingSet").split("\\s+")))).isEqualTo(image);
    }

    /**
     * RestrictAddressFamilies is a seccomp filter: a family it does not list fails in socket(2)
     * with EAFNOSUPPORT whatever the capabilities. The node opens AF_INET (DHCP), AF_NETLINK (the
     * JDK reads the interfaces through it), AF_UNIX and AF_PACKET (the ARP listener).
     */
    @Test
    void theSocketFamiliesTheNodeOpensAreAllowed() throws IOException {
        Map<String, String> unit = directives(Files.readString(ComposeFile.REPOSITORY.resolve("deploy/systemd/leaseledger.service")));
        assertThat(List.of(unit.get("RestrictAddressFamilies").split("\\s+")))
                .contains("AF_INET", "AF_NETLINK", "AF_UNIX", "AF_PACKET");
    }

    @Test
    void aConfigurationErrorIsNotRestartedAndSigtermIsAStop() throws IOException {
        Map<String, String> unit = directives(Files.readString(ComposeFile.REPOSITORY.resolve("deploy/systemd/leaseledger.service")));
        String serve = Files.readString(ComposeFile.REPOSITORY.resolve("services/src/main/java/io/leaseledger/cli/ServeCommand.java"));
        assertThat(serve).as("serve's exit code for an invalid configuration").contains("return 2;");
        assertThat(unit.get("RestartPreventExitStatus")).isEqualTo("2");
        assertThat(unit.get("SuccessExitStatus")).as("the JVM ends with 128 + SIGTERM after its shutdown hook").isEqualTo("143");
    }

    private static Map<String, String> directives(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (!l.startsWith("#") && !l.startsWith("[") && eq > 0) {
                out.put(l.substring(0, eq), l.substring(eq + 1).strip());
            }
        }
        return out;
    }
}
