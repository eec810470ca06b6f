package io.leaseledger.leaseimport;

import io.leaseledger.events.types.ClientId;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.isc.IscTokens;
import io.leaseledger.isc.IscTokens.Token;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * ISC dhcpd's leases file ({@code dhcpd.leases}, dhcpd.leases(5)): {@code lease ADDRESS { … }}
 * entries appended at every change, so the last entry of an address is its lease; only one in
 * {@code binding state active} is still granted. Times are UTC ({@code ends 4 2026/12/03
 * 19:45:39;}) or, with {@code db-time-format local}, seconds since the epoch ({@code ends epoch
 * 1796327139;}); {@code never} is an infinite lease. Everything else the file may hold (the
 * server's DUID, failover state, DHCPv6 {@code ia-na} entries, hosts added by OMAPI) is passed
 * over.
 */
final class IscLeasesFile {
    private static final Pattern LEASE_ENTRY = Pattern.compile("(?m)^\\s*lease\\s+\\d+\\.\\d+\\.\\d+\\.\\d+\\s*\\{");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");
    /** ARP hardware types (RFC 1700) by the names dhcpd writes after {@code hardware}. */
    private static final Map<String, Integer> HARDWARE_TYPES = Map.of("ethernet", 1, "token-ring", 6, "fddi", 8,
            "infiniband", 32);

    private IscLeasesFile() {}

    static boolean looksLikeOne(String text) {
        return LEASE_ENTRY.matcher(text).find() || text.contains("# This lease file was written by isc-dhcp");
    }

    /** One {@code lease} entry's statements, each a list of tokens, and the line it starts on. */
    private record Entry(Ipv4Address address, int line, List<List<Token>> statements) {}

    static ForeignLeaseFile parse(String text) {
        Map<Integer, Entry> newest = new TreeMap<>(Integer::compareUnsigned);
        List<String> skipped = new ArrayList<>();
        IscTokens tokens = new IscTokens(text, IscTokens.LEASES_PUNCTUATION);
        while (tokens.hasNext()) {
            Token first = tokens.next();
            if (first.is("lease") && tokens.hasNext()) {
                Token address = tokens.next();
                if (tokens.hasNext() && tokens.peek().is("{")) {
                    tokens.next();
                    List<List<Token>> statements = tokens.block();
                    try {
                        Ipv4Address parsed = Ipv4Address.parse(address.text());
                        newest.put(parsed.value(), new Entry(parsed, first.line(), statements));
                    } catch (IllegalArgumentException e) {
                        skipped.add("line " + first.line() + ": " + e.getMessage());
                    }
                    continue;
                }
            }
            tokens.skipStatement(first);
        }
        List<ForeignLease> leases = new ArrayList<>();
        for (Entry entry : newest.values()) {
            String where = "line " + entry.line() + " (" + entry.address() + ")";
            try {
                Map<String, List<Token>> byName = new HashMap<>();
                for (List<Token> statement : entry.statements()) {
                    byName.put(name(statement), statement);
                }
                List<Token> binding = byName.get("binding state");
                if (binding == null || !binding.get(2).is("active")) {
                    skipped.add(where + ": binding state " + (binding == null ? "missing" : binding.get(2).text()));
                    continue;
                }
                leases.add(lease(entry.address(), byName, note -> skipped.add(where + ": " + note)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                skipped.add(where + ": " + e.getMessage());
            }
        }
        return new ForeignLeaseFile("isc-dhcpd", List.copyOf(leases), List.copyOf(skipped));
    }

    private static String name(List<Token> statement) {
        String first = statement.getFirst().text();
        return first.equals("binding") && statement.size() > 1 ? "binding " + statement.get(1).text() : first;
    }

    private static ForeignLease lease(Ipv4Address address, Map<String, List<Token>> statements, Consumer<String> notes) {
        List<Token> hardware = statements.get("hardware");
        if (hardware == null || hardware.size() < 3) {
            throw new IllegalArgumentException("no hardware address");
        }
        Integer type = HARDWARE_TYPES.get(hardware.get(1).text());
        if (type == null) {
            throw new IllegalArgumentException("hardware type " + hardware.get(1).text() + " is not known");
        }
        String octets = hardware.get(2).text();
        ClientIdentity client = ClientIdentity.of(MacAddress.parse(type == MacAddress.ETHERNET ? octets : type + "/" + octets));
        List<Token> uid = statements.get("uid");
        if (uid != null) {
            Token value = uid.get(1);
            client = client.withClientId(value.quoted() ? new ClientId(value.bytes()) : ClientId.parse(value.text()));
        }
        List<Token> hostname = statements.get("client-hostname");
        if (hostname != null) {
            client = ForeignLease.withHostnameIfValid(client, hostname.get(1).text(), notes);
        }
        Instant starts = time(statements.get("starts"), "starts");
        Instant ends = time(statements.get("ends"), "ends");
        if (ends.equals(Instant.MAX)) {
            return new ForeignLease(address, client, LeaseTime.INFINITE, Instant.MAX);
        }
        long seconds = Math.max(1, Duration.between(starts.equals(Instant.MAX) ? ends : starts, ends).toSeconds());
        return new ForeignLease(address, client, LeaseTime.ofSeconds(Math.min(seconds, LeaseTime.INFINITE_SECONDS - 1)),
                ends);
    }

    /** {@code starts 4 2026/12/03 18:45:39}, {@code starts epoch 1796327139} or {@code starts never}; MAX for never. */
    private static Instant time(List<Token> statement, String name) {
        if (statement == null) {
            throw new IllegalArgumentException("no " + name + " time");
        }
        Token first = statement.get(1);
        if (first.is("never")) {
            return Instant.MAX;
        }
        if (first.is("epoch")) {
            return Instant.ofEpochSecond(Long.parseLong(statement.get(2).text()));
        }
        try {
            return LocalDateTime.parse(statement.get(2).text() + " " + statement.get(3).text(), UTC_TIME)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " time is not \"W YYYY/MM/DD HH:MM:SS\": " + e.getParsedString());
        }
    }
}
