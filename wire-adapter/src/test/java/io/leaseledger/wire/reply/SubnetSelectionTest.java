package io.leaseledger.wire.reply;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.Dhcp4MessageBuilder;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each row: what the request carries ('-' for absent), the receiving interface's address, the
 * subnet chosen ('-' for none) and what chose it. Served subnets: 198.18.0.0/24 to 198.18.3.0/24.
 */
class SubnetSelectionTest {

    @ParameterizedTest(name = "link {0}, 118 {1}, giaddr {2}, interface {3}, ciaddr {4} -> {5} by {6}")
    @CsvSource(delimiter = '|', value = {
            // link-selection | option 118   | giaddr      | interface   | ciaddr      | subnet      | by
            "198.18.3.0       | 198.18.2.9   | 198.18.1.1  | 198.18.0.1  | -           | 198.18.3.0  | LINK_SELECTION",
            "-                | 198.18.2.9   | 198.18.1.1  | 198.18.0.1  | -           | 198.18.2.0  | SUBNET_SELECTION_OPTION",
            "-                | -            | 198.18.1.1  | 198.18.0.1  | -           | 198.18.1.0  | GIADDR",
            "-                | -            | -           | 198.18.0.1  | 198.18.2.7  | 198.18.0.0  | INTERFACE",
            "-                | -            | -           | -           | 198.18.2.7  | 198.18.2.0  | CIADDR",
            // A link the relay names but this server does not serve: no fallback to giaddr.
            "198.18.9.0       | -            | 198.18.1.1  | 198.18.0.1  | -           | -           | LINK_SELECTION",
            // Link selection without giaddr is not from a relay: ignored.
            "198.18.3.0       | -            | -           | 198.18.0.1  | -           | 198.18.0.0  | INTERFACE",
            // An address binding, not relayed, no ciaddr: nothing to go by.
            "-                | -            | -           | -           | -           | -           | -",
    })
    void theFirstSelectorPresentDecides(String link, String option118, String giaddr, String iface, String ciaddr,
            String expected, String by) {
        Dhcp4MessageBuilder b = Requests.client(MessageType.DISCOVER);
        if (!giaddr.equals("-")) {
            b.giaddr(Ipv4Address.parse(giaddr).value());
        }
        if (!ciaddr.equals("-")) {
            b.ciaddr(Ipv4Address.parse(ciaddr).value());
        }
        if (!link.equals("-")) {
            b.put(OptionCatalog.RELAY_AGENT_INFORMATION, RelayAgentInformation.of(
                    RelayAgentInformation.circuitId(new byte[] {1}),
                    RelayAgentInformation.linkSelection(Ipv4Address.parse(link))));
        }
        if (!option118.equals("-")) {
            b.put(OptionCatalog.SUBNET_SELECTION, Ipv4Address.parse(option118));
        }
        List<Ipv4Address> interfaceAddresses = iface.equals("-") ? List.of() : List.of(Ipv4Address.parse(iface));
        var request = b.build();

        Optional<String> chosen = SubnetSelection.select(request, interfaceAddresses, SubnetSelectionTest::served);

        assertThat(chosen.orElse("-")).isEqualTo(expected);
        List<SubnetSelection.Selector> selectors = SubnetSelection.selectors(request, interfaceAddresses);
        assertThat(selectors.isEmpty() ? "-" : selectors.getFirst().source().name()).isEqualTo(by);
    }

    /** 198.18.0.0/24 .. 198.18.3.0/24, by network address. */
    private static Optional<String> served(Ipv4Address a) {
        int third = a.value() >>> 8 & 0xFF;
        return (a.value() >>> 16) == 0xC612 && third <= 3 ? Optional.of("198.18." + third + ".0") : Optional.empty();
    }

}
