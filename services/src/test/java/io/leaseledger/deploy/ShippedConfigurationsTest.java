package io.leaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every configuration the repository ships (examples/, deploy/compose/) is one the server accepts:
 * an operator starts from them. Interfaces are not checked against this machine (they name the
 * operator's).
 */
class ShippedConfigurationsTest {

    private static List<Path> shipped() throws IOException {
        try (Stream<Path> examples = Files.list(ComposeFile.REPOSITORY.resolve("examples"));
             Stream<Path> compose = Files.list(ComposeFile.REPOSITORY.resolve("deploy/compose"))) {
            return Stream.concat(examples, compose).filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyShippedConfigurationReads() throws Exception {
        List<Path> files = shipped();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("loopback.yaml", "lab.yaml", "ha-rack-a.yaml", "rack-a.yaml", "region.yaml");
        for (Path file : files) {
            new ConfigurationLoader(HostInterfaces.ANY).parse(Files.readString(file), file.toString());
        }
    }

    @Test
    void thePairExampleIsAPrimaryWhosePartnerIsRackB() throws Exception {
        Path file = ComposeFile.REPOSITORY.resolve("examples/ha-rack-a.yaml");
        LeaseLedgerConfiguration config = new ConfigurationLoader(HostInterfaces.ANY).parse(Files.readString(file),
                file.toString());
        assertThat(config.ha()).hasValueSatisfying(ha -> {
            assertThat(ha.role().configName()).isEqualTo("primary");
            assertThat(ha.partner()).isEqualTo("rack-b");
        });
        assertThat(config.node().name()).isEqualTo("rack-a");
    }
}
