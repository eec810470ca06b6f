package io.leaseledger.config;

import io.leaseledger.wire.reply.OptionSnippet;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Option snippets: typed through the codec's catalogue, raw as hex or text, refused where the server owns the option. */
class OptionSnippetConfigurationTest {

    private static List<OptionSnippet> globalSnippets(String snippets) throws ConfigurationException {
        return new ConfigurationLoader(FakeHost.INSTANCE)
                .parse("server: {bind: [127.0.0.1]}\noptions:\n" + snippets.indent(2), "test.yaml").options();
    }

    private static List<String> errors(String snippets) {
        return catchThrowableOfType(ConfigurationException.class, () -> globalSnippets(snippets))
                .errors().stream().map(ConfigError::toString).toList();
    }

    private static String hex(OptionSnippet s) {
        return HexFormat.of().formatHex(s.value());
    }

    @Test
    void anAddressListIsEncodedByTheCatalogue() throws Exception {
        OptionSnippet ntp = globalSnippets("- {code: 42, value: [198.18.0.5, 198.18.0.6]}").getFirst();
        assertThat(ntp.code()).isEqualTo(42);
        assertThat(hex(ntp)).isEqualTo("c6120005c6120006");
        assertThat(ntp.alwaysSend()).isFalse();
    }

    @Test
    void aSingleAddressMayStandForAListOfOne() throws Exception {
        assertThat(hex(globalSnippets("- {code: 42, value: 198.18.0.5}").getFirst())).isEqualTo("c6120005");
    }

    @Test
    void optionsCanBeNamedAsTheCatalogueNamesThem() throws Exception {
        OptionSnippet search = globalSnippets("- {name: domain-search, value: [lab.example]}").getFirst();
        assertThat(search.code()).isEqualTo(119);
        assertThat(hex(search)).isEqualTo("036c6162076578616d706c6500");
    }

    @Test
    void classlessRoutesAreWrittenAsDestinationAndRouter() throws Exception {
        OptionSnippet routes = globalSnippets(
                "- {code: 121, value: [{destination: 10.0.0.0/8, router: 198.18.0.1}]}").getFirst();
        assertThat(hex(routes)).isEqualTo("080ac6120001");
    }

    @Test
    void unknownOptionsAreGivenAsHexOrText() throws Exception {
        List<OptionSnippet> s = globalSnippets("""
                - {code: 224, hex: "01:02", always-send: true}
                - {code: 225, text: "rack-7"}
                """);
        assertThat(hex(s.get(0))).isEqualTo("0102");
        assertThat(s.get(0).alwaysSend()).isTrue();
        assertThat(new String(s.get(1).value(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("rack-7");
    }

    @Test
    void anUnknownOptionWithATypedValueAsksForHex() {
        assertThat(errors("- {code: 224, value: 12}")).containsExactly(
                "options[0].value: option 224 is not in the option catalogue, so its value has no known type: give it as 'hex' or 'text'");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheOption() {
        assertThat(errors("- {code: 42, value: [ntp.example]}")).containsExactly(
                "options[0].value: a list is not a value of ntp-servers(42): not an IPv4 address (dotted quad): \"ntp.example\"");
    }

    @Test
    void optionsTheServerOwnsAreRefusedWithTheKeyToUseInstead() {
        assertThat(errors("- {code: 51, value: 600}")).containsExactly(
                "options[0].code: option 51 cannot be set by a snippet: set 'lease-time' on the subnet");
        assertThat(errors("- {name: dhcp-agent-options, hex: '0101'}")).containsExactly(
                "options[0].name: option 82 cannot be set by a snippet: relay agent information is echoed from the relay");
    }

    @Test
    void oneValueExactly() {
        assertThat(errors("- {code: 224, hex: '01', text: a}"))
                .containsExactly("options[0]: give exactly one of 'value', 'hex' or 'text', found 2");
    }

    @Test
    void anOptionSetTwiceInOneScopeIsRefused() {
        assertThat(errors("- {code: 42, value: 198.18.0.5}\n- {code: 42, value: 198.18.0.6}"))
                .containsExactly("options[1]: option 42 is already set at options[0]");
    }

    @Test
    void unquotedHexThatYamlReadAsANumberAsksForQuotes() {
        // YAML 1.1 reads a leading zero as octal: 0102 is 66, nothing like the two bytes meant.
        assertThat(errors("- {code: 224, hex: 0102}"))
                .containsExactly("options[0].hex: YAML read this as the number 66: put hex in quotes, as in hex: \"0102\"");
    }

    @Test
    void badHexIsRefused() {
        assertThat(errors("- {code: 224, hex: '0g'}"))
                .containsExactly("options[0].hex: '0g' is not hex octets (0102, 01:02 or 01 02) (hex digits only)");
    }

    @Test
    void aSubnetSnippetMustNotContradictTheSubnetsOwnKey() {
        List<String> errors = catchThrowableOfType(ConfigurationException.class, () -> new ConfigurationLoader(FakeHost.INSTANCE)
                .parse("""
                        server: {bind: [127.0.0.1]}
                        subnets:
                          - cidr: 198.18.0.0/24
                            dns-servers: [198.18.0.2]
                            options: [{code: 6, value: [198.18.0.3]}]
                        """, "t")).errors().stream().map(ConfigError::toString).toList();
        assertThat(errors).containsExactly(
                "subnets[0].options[0]: option 6 is also set by the subnet's 'dns-servers' key: keep one");
    }
}
