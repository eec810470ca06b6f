package io.leaseledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.server.DeviceDiscovery;
import io.leaseledger.wire.arp.ArpSighting;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the running server answers is what the OpenAPI document it serves declares: every GET
 * operation of the document is called with real data present (two clients leased through the
 * packet path, one released; an address reported in use; two foreign DHCP servers heard; ranges
 * of both kinds, one written with MAAS's name and a comment), and
 * representative errors (400 with field errors, 401, 403, 404, 409, 422) and writes are provoked;
 * each answer's status must be declared for its operation, its Content-Type among the declared
 * media types, and a JSON body valid against the declared schema ({@link OpenApiResponses}: the
 * OpenAPI 3.0 dialect, objects read as closed and complete). {@link OpenApiDocumentTest} checks
 * the routes themselves.
 */
class OpenApiResponsesTest extends RunningApi {
    private static final String KEPT = "52:54:00:00:03:01";
    private static final String RELEASED = "52:54:00:00:03:02";
    private static final String STRANGER = "52:54:00:00:03:99";
    private static final String SUBNET = "/api/v1/subnets/198.18.0.0-24";

    /** GET operations whose bodies are text, not JSON: their status and Content-Type are checked, nothing more is declared. */
    private static final Map<String, String> TEXT_ONLY = Map.of(
            "/metrics", "Prometheus text format, declared {type: string}",
            "/openapi.yaml", "this YAML document, declared {type: string}");
    /** GET operations that answer a stream that does not end: their answers are read in {@link EventStreamApiTest}. */
    private static final Map<String, String> STREAMED = Map.of(
            "/api/v1/events", "server-sent events while the node runs");

    OpenApiResponses document;
    String keptAddress;
    String releasedAddress;
    ApiNode.Reply inUseReport;
    ApiNode.Reply globalOptionSet;
    List<ApiNode.Reply> rangesAdded;
    ApiNode.Reply backupTaken;

    /** Whether the node's event store is embedded H2, which it backs up itself (PostgreSQL: 409, and no backups to list). */
    boolean backsUpItsStore() {
        return true;
    }

    @BeforeAll
    void dataPresent() throws Exception {
        ApiNode.Reply served = api.get("/openapi.yaml", null);
        assertThat(served.status()).isEqualTo(200);
        document = OpenApiResponses.parse(served.body());

        // What a range may be written with but a subnet never answers: reserved-dynamic and a comment.
        rangesAdded = List.of(
                api.send("POST", SUBNET + "/ranges", api.operator,
                        "{\"start\": \"198.18.0.2\", \"end\": \"198.18.0.19\", \"kind\": \"reserved\", \"comment\": \"routers\"}"),
                api.send("POST", SUBNET + "/ranges", api.operator,
                        "{\"start\": \"198.18.0.200\", \"end\": \"198.18.0.209\", \"kind\": \"reserved-dynamic\"}"));
        keptAddress = dora(KEPT, false);
        releasedAddress = dora(RELEASED, true);
        inUseReport = api.send("POST", SUBNET + "/in-use", api.operator,
                "{\"address\": \"198.18.0.150\", \"mac\": \"" + STRANGER + "\"}");
        globalOptionSet = api.send("PUT", "/api/v1/options", api.operator, "{\"code\": 225, \"hex\": \"bb\"}");
        backupTaken = api.send("POST", "/api/v1/backups", api.admin, null);
        ForeignDhcpApiTest.hearTwoServers(api);
        api.node.context().getBean(DeviceDiscovery.class).accept(
                new ArpSighting("eth1", Ipv4Address.parse("198.18.0.7"), MacAddress.parse(STRANGER)));
        awaitProjected("release");
        awaitProjected("observed-in-use");
        for (int i = 0; i < 200 && api.get("/api/v1/discoveries", api.readOnly).json().get("items").isEmpty(); i++) {
            Thread.sleep(50);
        }
    }

    private String dora(String mac, boolean release) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
        try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(HexFormat.ofDelimiter(":").parseHex(mac),
                        Ipv4Address.parse("198.18.0.1"), Duration.ofSeconds(5), release, null))) {
            Dhcp4Message ack = probe.run().orElseThrow(() -> new AssertionError("no reply"));
            assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
            return Ipv4Address.format(ack.yiaddr());
        }
    }

    /** The read side follows the log within its poll interval: wait (bounded) until it shows a decision. */
    private void awaitProjected(String decision) throws Exception {
        for (int i = 0; i < 200; i++) {
            ApiNode.Reply r = api.get("/api/v1/log?decision=" + decision, api.readOnly);
            if (r.status() == 200 && r.json().get("items").size() == 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the projections never showed " + decision);
    }

    /** Each JSON GET operation (path template) → the requests that exercise it. */
    private Map<String, List<String>> getCalls() {
        Instant now = Instant.now();
        Map<String, List<String>> calls = new LinkedHashMap<>();
        calls.put("/health", List.of("/health"));
        calls.put("/api/v1/tokens", List.of("/api/v1/tokens"));
        calls.put("/api/v1/backups", List.of("/api/v1/backups"));
        calls.put("/api/v1/subnets", List.of("/api/v1/subnets"));
        calls.put("/api/v1/subnets/{subnet}", List.of(SUBNET));
        calls.put("/api/v1/options", List.of("/api/v1/options"));
        calls.put("/api/v1/foreign-dhcp-servers", List.of("/api/v1/foreign-dhcp-servers"));
        calls.put("/api/v1/leases", List.of("/api/v1/leases", "/api/v1/leases?limit=1"));
        calls.put("/api/v1/leases/{address}", List.of("/api/v1/leases/" + keptAddress, "/api/v1/leases/" + releasedAddress));
        calls.put("/api/v1/history/addresses/{address}", List.of("/api/v1/history/addresses/" + keptAddress,
                "/api/v1/history/addresses/" + releasedAddress, "/api/v1/history/addresses/" + keptAddress + "?at=" + now));
        calls.put("/api/v1/history/clients/{mac}", List.of("/api/v1/history/clients/" + RELEASED,
                "/api/v1/history/clients/" + KEPT + "?at=" + now));
        calls.put("/api/v1/utilisation", List.of("/api/v1/utilisation"));
        calls.put("/api/v1/utilisation/{subnet}/pool", List.of("/api/v1/utilisation/198.18.0.0-24/pool?bucket=1m&from="
                + now.minusSeconds(600) + "&to=" + now.plusSeconds(60)));
        calls.put("/api/v1/log", List.of("/api/v1/log", "/api/v1/log?limit=2"));
        calls.put("/api/v1/discoveries", List.of("/api/v1/discoveries", "/api/v1/discoveries?unknown=true&limit=1"));
        // A node that serves alone; a pair's answer is checked against the document in HotStandbyPairTest.
        calls.put("/api/v1/ha", List.of("/api/v1/ha"));
        return calls;
    }

    @Test
    void everyDocumentedGetAnswersWhatTheDocumentDeclares() throws Exception {
        Map<String, List<String>> calls = getCalls();
        List<String> covered = new ArrayList<>(calls.keySet());
        covered.addAll(TEXT_ONLY.keySet());
        covered.addAll(STREAMED.keySet());
        assertThat(covered).as("the document's GET operations, each called here or listed in TEXT_ONLY or STREAMED")
                .containsExactlyInAnyOrderElementsOf(document.getPaths());

        List<String> problems = new ArrayList<>();
        TEXT_ONLY.keySet().forEach(path -> calls.put(path, List.of(path)));
        for (var operation : calls.entrySet()) {
            for (String uri : operation.getValue()) {
                ApiNode.Reply reply = api.get(uri, api.admin);
                assertThat(reply.status()).as("GET %s: %s", uri, reply.body()).isEqualTo(200);
                document.problems(document.response("GET", operation.getKey(), 200), reply)
                        .forEach(p -> problems.add("GET " + uri + " " + p));
                if (!TEXT_ONLY.containsKey(operation.getKey())
                        && (backsUpItsStore() || !operation.getKey().equals("/api/v1/backups"))) {
                    assertThat(emptyLists(reply.json())).as("GET %s has data to validate: %s", uri, reply.body()).isEmpty();
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The lists of an answer that are empty (a top-level array, items, holdings, servers): nothing in them was checked. */
    private static List<String> emptyLists(JsonNode json) {
        List<String> out = new ArrayList<>();
        if (json.isArray() && json.isEmpty()) {
            out.add("the answer");
        }
        for (String field : List.of("items", "holdings", "servers")) {
            if (json.isObject() && json.has(field) && json.get(field).isEmpty()) {
                out.add(field);
            }
        }
        return out;
    }

    @Test
    void errorsAnswerWhatTheDocumentDeclares() throws Exception {
        record Call(String method, String operation, String uri, String token, String body, int status) {}
        String bad = "{\"cidr\": \"198.19.300.0/24\", \"lease-time\": \"soon\", \"leese-time\": 1}";
        List<Call> calls = List.of(
                new Call("GET", "/api/v1/leases", "/api/v1/leases?state=asleep", api.readOnly, null, 400),
                new Call("GET", "/api/v1/leases", "/api/v1/leases?cursor=bm9wZQ", api.readOnly, null, 400),
                new Call("GET", "/api/v1/leases/{address}", "/api/v1/leases/198.18.0.999", api.readOnly, null, 400),
                new Call("GET", "/api/v1/subnets/{subnet}", "/api/v1/subnets/198.19.3.0-33", api.readOnly, null, 400),
                new Call("GET", "/api/v1/history/addresses/{address}", "/api/v1/history/addresses/198.18.0.999", api.readOnly, null, 400),
                new Call("GET", "/api/v1/history/clients/{mac}", "/api/v1/history/clients/xx", api.readOnly, null, 400),
                new Call("GET", "/api/v1/utilisation/{subnet}/pool", "/api/v1/utilisation/198.18.0.0-24/pool?bucket=30s", api.readOnly, null, 400),
                new Call("GET", "/api/v1/log", "/api/v1/log?decision=maybe", api.readOnly, null, 400),
                new Call("GET", "/api/v1/discoveries", "/api/v1/discoveries?unknown=maybe", api.readOnly, null, 400),
                new Call("GET", "/api/v1/events", "/api/v1/events?from=yesterday", api.readOnly, null, 400),
                new Call("GET", "/api/v1/events", "/api/v1/events?type=LeaseStolen", api.readOnly, null, 400),
                new Call("GET", "/api/v1/events", "/api/v1/events", null, null, 401),
                new Call("POST", "/api/v1/subnets", "/api/v1/subnets", api.operator, bad, 400),
                new Call("POST", "/api/v1/subnets", "/api/v1/subnets", api.operator, "not json", 400),
                new Call("GET", "/api/v1/subnets", "/api/v1/subnets", null, null, 401),
                new Call("GET", "/api/v1/tokens", "/api/v1/tokens", "ll_0000000000000000_nope", null, 401),
                new Call("GET", "/api/v1/tokens", "/api/v1/tokens", api.readOnly, null, 403),
                new Call("POST", "/api/v1/backups", "/api/v1/backups", api.operator, null, 403),
                new Call("DELETE", "/api/v1/discoveries", "/api/v1/discoveries?mac=nonsense", api.operator, null, 400),
                new Call("DELETE", "/api/v1/discoveries", "/api/v1/discoveries", api.readOnly, null, 403),
                new Call("DELETE", "/api/v1/discoveries", "/api/v1/discoveries?address=10.9.9.9", api.operator, null, 404),
                new Call("POST", "/api/v1/subnets", "/api/v1/subnets", api.readOnly, "{\"cidr\": \"198.19.5.0/24\"}", 403),
                new Call("GET", "/api/v1/leases/{address}", "/api/v1/leases/198.18.0.250", api.readOnly, null, 404),
                new Call("GET", "/api/v1/subnets/{subnet}", "/api/v1/subnets/198.19.4.0-24", api.readOnly, null, 404),
                new Call("POST", "/api/v1/subnets/{subnet}/ranges", SUBNET + "/ranges", api.operator,
                        "{\"start\": \"198.18.0.150\", \"end\": \"198.18.0.160\", \"kind\": \"reserved\"}", 409),
                new Call("POST", "/api/v1/subnets/{subnet}/ranges", SUBNET + "/ranges", api.operator,
                        "{\"start\": \"198.18.1.1\", \"end\": \"198.18.1.9\", \"kind\": \"dynamic\"}", 422),
                new Call("PUT", "/api/v1/subnets/{subnet}/hosts/{mac}", SUBNET + "/hosts/52:54:00:00:03:98", api.operator,
                        "{\"address\": \"198.18.0.50\"}", 409));
        List<String> problems = new ArrayList<>();
        for (Call call : calls) {
            ApiNode.Reply reply = api.send(call.method(), call.uri(), call.token(), call.body());
            assertThat(reply.status()).as("%s %s: %s", call.method(), call.uri(), reply.body()).isEqualTo(call.status());
            document.problems(document.response(call.method(), call.operation(), call.status()), reply)
                    .forEach(p -> problems.add(call.method() + " " + call.uri() + " " + call.status() + " " + p));
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Every /api GET without a token: 401 with the body the operation declares, or, where it
     * declares none, components/responses/Unauthorized (the document's security applies to all).
     */
    @Test
    void everyApiGetWithoutATokenIsUnauthorizedAsDocumented() throws Exception {
        List<String> problems = new ArrayList<>();
        for (var operation : getCalls().entrySet()) {
            if (!operation.getKey().startsWith("/api/")) {
                continue;
            }
            String uri = operation.getValue().getFirst();
            ApiNode.Reply reply = api.get(uri, null);
            assertThat(reply.status()).as("GET %s: %s", uri, reply.body()).isEqualTo(401);
            JsonNode declared = document.response("GET", operation.getKey(), 401);
            document.problems(declared != null ? declared : document.componentResponse("Unauthorized"), reply)
                    .forEach(p -> problems.add("GET " + uri + " " + p));
        }
        assertThat(problems).isEmpty();
    }

    /** The check itself: an answer is not valid against another operation's schema (closed objects, required properties). */
    @Test
    void theCheckRejectsWhatTheDocumentDoesNotDeclare() throws Exception {
        ApiNode.Reply health = api.get("/health", null);
        assertThat(document.problems(document.response("GET", "/api/v1/leases", 200), health))
                .as("health as a page of leases").isNotEmpty();
        assertThat(document.problems(document.componentResponse("Unauthorized"), health))
                .as("health as an error: undocumented status and subnets, no error")
                .anyMatch(p -> p.contains("status")).anyMatch(p -> p.contains("error"));
        ApiNode.Reply subnet = api.get(SUBNET, api.readOnly);
        assertThat(document.problems(document.response("GET", "/api/v1/leases/{address}", 200), subnet))
                .as("a subnet as a lease").isNotEmpty();
        assertThat(document.problems(document.response("GET", "/api/v1/leases/{address}", 418), subnet))
                .containsExactly("status 200 is not documented");
    }

    /**
     * A subnet's ranges are checked against the response's own range schema: both kinds a read can
     * show are there to check, and what only a write may say (the kind reserved-dynamic, a comment)
     * is refused in an answer.
     */
    @Test
    void aSubnetsRangesAnswerTheResponseSchemaNotTheInputs() throws Exception {
        ApiNode.Reply subnet = api.get(SUBNET, api.readOnly);
        JsonNode declared = document.response("GET", "/api/v1/subnets/{subnet}", 200);
        assertThat(subnet.json().get("ranges").findValuesAsText("kind")).as(subnet.body())
                .containsExactlyInAnyOrder("dynamic", "dynamic", "reserved");
        assertThat(document.problems(declared, subnet)).isEmpty();

        ObjectNode commented = (ObjectNode) subnet.json();
        ((ObjectNode) commented.get("ranges").get(0)).put("comment", "routers");
        assertThat(document.problems(declared, new ApiNode.Reply(200, commented.toString(), subnet.raw())))
                .as("a range with a comment").anyMatch(p -> p.contains("comment"));
        ObjectNode maasKind = (ObjectNode) subnet.json();
        ((ObjectNode) maasKind.get("ranges").get(0)).put("kind", "reserved-dynamic");
        assertThat(document.problems(declared, new ApiNode.Reply(200, maasKind.toString(), subnet.raw())))
                .as("a range of kind reserved-dynamic").anyMatch(p -> p.contains("kind"));
    }

    @Test
    void writesAnswerWhatTheDocumentDeclares() throws Exception {
        List<String> problems = new ArrayList<>();
        for (ApiNode.Reply added : rangesAdded) {
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            document.problems(document.response("POST", "/api/v1/subnets/{subnet}/ranges", 201), added)
                    .forEach(p -> problems.add("POST ranges " + p));
        }
        assertThat(inUseReport.status()).as(inUseReport.body()).isEqualTo(200);
        document.problems(document.response("POST", "/api/v1/subnets/{subnet}/in-use", 200), inUseReport)
                .forEach(p -> problems.add("POST in-use " + p));
        assertThat(globalOptionSet.status()).as(globalOptionSet.body()).isEqualTo(200);
        document.problems(document.response("PUT", "/api/v1/options", 200), globalOptionSet)
                .forEach(p -> problems.add("PUT options " + p));

        // dnsmasq's lease file: one lease of an hour left, then the same content again (409).
        String leases = (java.time.Instant.now().getEpochSecond() + 3600) + " 52:54:00:00:0c:70 198.18.0.170 seventy *\n";
        ApiNode.Reply imported = api.postText("/api/v1/lease-imports?name=dnsmasq.leases", api.admin, leases);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        document.problems(document.response("POST", "/api/v1/lease-imports", 200), imported)
                .forEach(p -> problems.add("POST lease-imports " + p));
        ApiNode.Reply importedAgain = api.postText("/api/v1/lease-imports", api.admin, leases);
        assertThat(importedAgain.status()).as(importedAgain.body()).isEqualTo(409);
        document.problems(document.response("POST", "/api/v1/lease-imports", 409), importedAgain)
                .forEach(p -> problems.add("POST lease-imports again " + p));

        int backupStatus = backsUpItsStore() ? 201 : 409;
        assertThat(backupTaken.status()).as(backupTaken.body()).isEqualTo(backupStatus);
        document.problems(document.response("POST", "/api/v1/backups", backupStatus), backupTaken)
                .forEach(p -> problems.add("POST backups " + p));

        ApiNode.Reply created = api.send("POST", "/api/v1/subnets", api.operator, "{\"cidr\": \"198.19.7.0/24\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        document.problems(document.response("POST", "/api/v1/subnets", 201), created).forEach(p -> problems.add("POST subnets " + p));

        ApiNode.Reply host = api.send("PUT", "/api/v1/subnets/198.19.7.0-24/hosts/52:54:00:00:03:07", api.operator,
                "{\"address\": \"198.19.7.7\", \"hostname\": \"seven\"}");
        assertThat(host.status()).as(host.body()).isEqualTo(200);
        document.problems(document.response("PUT", "/api/v1/subnets/{subnet}/hosts/{mac}", 200), host)
                .forEach(p -> problems.add("PUT host " + p));

        ApiNode.Reply removed = api.send("DELETE", "/api/v1/subnets/198.19.7.0-24", api.operator, null);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        document.problems(document.response("DELETE", "/api/v1/subnets/{subnet}", 204), removed)
                .forEach(p -> problems.add("DELETE subnet " + p));

        // A MAC never heard: the clear is recorded and answered, and the list the GETs check keeps its rows.
        ApiNode.Reply cleared = api.send("DELETE", "/api/v1/discoveries?mac=52:54:00:00:03:55", api.operator, null);
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        document.problems(document.response("DELETE", "/api/v1/discoveries", 200), cleared)
                .forEach(p -> problems.add("DELETE discoveries " + p));
        assertThat(problems).isEmpty();
    }
}
