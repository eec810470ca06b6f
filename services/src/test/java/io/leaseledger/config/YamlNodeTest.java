package io.leaseledger.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class YamlNodeTest {

    private final List<ConfigError> errors = new ArrayList<>();

    private YamlNode read(String yaml) throws Exception {
        return YamlNode.root(new ObjectMapper(new YAMLFactory()).readTree(yaml), errors).orElseThrow();
    }

    @Test
    void aMisspeltKeyIsReportedWithTheNearestKnownKey() throws Exception {
        YamlNode n = read("lease-tme: 10m\n");
        n.duration("lease-time");
        n.finish();
        assertThat(errors).extracting(ConfigError::toString)
                .containsExactly("lease-tme: unknown key (did you mean 'lease-time'?); known keys here: lease-time");
    }

    @Test
    void wrongTypesAreReportedWithPathAndValueAndReadingGoesOn() throws Exception {
        YamlNode n = read("managed: maybe\nport: 70000\ndomain: 12\nlist: [a, {b: 1}]\n");
        assertThat(n.bool("managed")).isEmpty();
        assertThat(n.integer("port", 1, 65535)).isEmpty();
        assertThat(n.text("domain")).isEmpty();
        assertThat(n.parsedList("list", "a letter", s -> s)).containsExactly("a");
        assertThat(errors).extracting(ConfigError::toString).containsExactly(
                "managed: must be true or false, found 'maybe'",
                "port: must be a whole number from 1 to 65535, found 70000",
                "domain: must be text, found 12",
                "list[1]: must be a letter, found a mapping");
    }

    @Test
    void aParserRefusalQuotesTheValueAndTheReason() throws Exception {
        YamlNode n = read("count: eleven\n");
        n.parsed("count", "a number", s -> {
            throw new IllegalArgumentException("digits only");
        });
        assertThat(errors).extracting(ConfigError::toString).containsExactly("count: 'eleven' is not a number (digits only)");
    }

    @Test
    void nestedListsCarryIndexedPaths() throws Exception {
        YamlNode n = read("subnets:\n  - cidr: x\n  - cidr: y\n    extra: 1\n");
        List<YamlNode> subnets = n.objects("subnets");
        subnets.forEach(s -> {
            s.requiredText("cidr");
            s.finish();
        });
        assertThat(subnets).extracting(YamlNode::path).containsExactly("subnets[0]", "subnets[1]");
        assertThat(errors).extracting(ConfigError::path).containsExactly("subnets[1].extra");
    }

    @Test
    void durationsAcceptSecondsAndUnitsAndRefuseZero() throws Exception {
        YamlNode n = read("a: 600\nb: 1h30m\nc: 0\nd: 10x\n");
        assertThat(n.duration("a")).contains(Duration.ofMinutes(10));
        assertThat(n.duration("b")).contains(Duration.ofMinutes(90));
        assertThat(n.duration("c")).isEmpty();
        assertThat(n.duration("d")).isEmpty();
        assertThat(errors).extracting(ConfigError::path).containsExactly("c", "d");
        assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
    }

    @Test
    void millisecondsOnlyWhereAWaitIsShort() throws Exception {
        YamlNode n = read("a: 200ms\nb: 1s500ms\nc: false\nd: 1500ms\n");
        assertThat(n.millisOrOff("a")).contains(Duration.ofMillis(200));
        assertThat(n.millisOrOff("b")).contains(Duration.ofMillis(1500));
        assertThat(n.millisOrOff("c")).contains(Duration.ZERO);
        assertThat(errors).isEmpty();
        assertThat(n.duration("d")).isEmpty();
        assertThat(errors).extracting(ConfigError::toString).containsExactly("d: '1500ms' is not a whole number of seconds");
    }

    @Test
    void aMissingRequiredKeyIsReported() throws Exception {
        read("{}").requiredText("cidr");
        assertThat(errors).extracting(ConfigError::toString).containsExactly("cidr: is required");
    }
}
