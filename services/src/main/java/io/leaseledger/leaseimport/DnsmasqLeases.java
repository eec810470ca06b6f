package io.leaseledger.leaseimport;

import io.leaseledger.events.types.ClientId;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * dnsmasq's lease file ({@code dnsmasq.leases}, {@code --dhcp-leasefile}): rewritten whole at every
 * change, one line per lease it holds — {@code EXPIRY MAC ADDRESS HOSTNAME CLIENT-ID}, the expiry
 * in seconds since the epoch (0: an infinite lease), {@code *} for a host name or client identifier
 * it did not get, a hardware type other than Ethernet written before the address
 * ({@code 20-80:00:…}). A line {@code duid …} starts its DHCPv6 leases, which are passed over. A
 * released lease is not in the file at all.
 *
 * <p>The file does not say how long each lease was granted for: the lease time kept is what was
 * left of it when dnsmasq last wrote the file ({@code writtenAt}, its modification time), exact
 * for the lease it wrote last, shorter for older ones.
 */
final class DnsmasqLeases {
    private static final Pattern LEASE_LINE = Pattern.compile(
            "\\d+ (?:[0-9a-fA-F]{2}-)?[0-9a-fA-F:]* \\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3} \\S+ \\S+");
    private static final Pattern HARDWARE_TYPE = Pattern.compile("([0-9a-fA-F]{2})-(.*)");

    private DnsmasqLeases() {}

    /** Its first line is a lease line or the DHCPv6 section's {@code duid}. */
    static boolean looksLikeOne(String text) {
        String first = text.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip();
        return LEASE_LINE.matcher(first).matches() || first.startsWith("duid ");
    }

    static ForeignLeaseFile parse(String text, Instant writtenAt) {
        Map<Integer, ForeignLease> byAddress = new TreeMap<>(Integer::compareUnsigned);
        List<String> skipped = new ArrayList<>();
        boolean dhcpv6 = false;
        int lineNumber = 0;
        for (String line : text.lines().toList()) {
            lineNumber++;
            String[] fields = line.strip().split("\\s+");
            if (line.isBlank()) {
                continue;
            }
            if (fields[0].equals("duid")) {
                dhcpv6 = true;
                continue;
            }
            String where = "line " + lineNumber;
            if (dhcpv6 || (fields.length > 2 && fields[2].contains(":"))) {
                skipped.add(where + " (" + (fields.length > 2 ? fields[2] : line.strip()) + "): a DHCPv6 lease, not taken over");
                continue;
            }
            if (fields.length != 5) {
                skipped.add(where + ": not EXPIRY MAC ADDRESS HOSTNAME CLIENT-ID: " + line.strip());
                continue;
            }
            try {
                ForeignLease lease = lease(fields, writtenAt, note -> skipped.add(where + " (" + fields[2] + "): " + note));
                byAddress.put(lease.address().value(), lease);
            } catch (IllegalArgumentException e) {
                skipped.add(where + " (" + fields[2] + "): " + e.getMessage());
            }
        }
        return new ForeignLeaseFile("dnsmasq", List.copyOf(byAddress.values()), List.copyOf(skipped));
    }

    private static ForeignLease lease(String[] fields, Instant writtenAt, java.util.function.Consumer<String> notes) {
        Ipv4Address address = Ipv4Address.parse(fields[2]);
        ClientIdentity client = ClientIdentity.of(hardwareAddress(fields[1]));
        if (!fields[4].equals("*")) {
            client = client.withClientId(ClientId.parse(fields[4]));
        }
        if (!fields[3].equals("*")) {
            client = ForeignLease.withHostnameIfValid(client, fields[3], notes);
        }
        long expiry;
        try {
            expiry = Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expiry " + fields[0] + " is not seconds since the epoch");
        }
        if (expiry == 0) {
            return new ForeignLease(address, client, LeaseTime.INFINITE, Instant.MAX);
        }
        Instant expiresAt = Instant.ofEpochSecond(expiry);
        long left = Math.max(1, Duration.between(writtenAt, expiresAt).toSeconds());
        return new ForeignLease(address, client, LeaseTime.ofSeconds(Math.min(left, LeaseTime.INFINITE_SECONDS - 1)),
                expiresAt);
    }

    /** {@code 52:54:00:aa:bb:01}, or with its ARP hardware type in hex before it: {@code 20-80:00:…}. */
    private static MacAddress hardwareAddress(String field) {
        var typed = HARDWARE_TYPE.matcher(field);
        if (!typed.matches()) {
            return MacAddress.parse(field.toLowerCase(java.util.Locale.ROOT));
        }
        int type = Integer.parseInt(typed.group(1), 16);
        if (typed.group(2).isEmpty()) {
            throw new IllegalArgumentException("no hardware address (a client known by its client identifier only)");
        }
        String octets = typed.group(2).toLowerCase(java.util.Locale.ROOT);
        return MacAddress.parse(type == MacAddress.ETHERNET ? octets : type + "/" + octets);
    }
}
