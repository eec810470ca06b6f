package io.leaseledger.leaseimport;

import io.leaseledger.events.types.ClientId;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Kea's DHCPv4 memfile ({@code kea-leases4.csv}): a CSV whose header names the columns (their
 * number grew over Kea's versions), appended to at every change, so the last row of an address
 * is its lease. A row with a lifetime of 0 is a deleted lease (a RELEASE, say); a state other than
 * 0 (default) is a declined or reclaimed one. Kea writes a comma inside a value as {@code &#x2c}.
 *
 * <p>Kea compacts the file every {@code lfc-interval} (an hour by default): the leases then live
 * in {@code kea-leases4.csv.2} (or {@code .completed} while a cleanup finishes, {@code .1} while one
 * runs) and the file itself holds only what changed since. {@link #files} finds that set as Kea
 * loads it at start.
 */
public final class KeaMemfile {
    private static final List<String> NEEDED = List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire");

    private KeaMemfile() {}

    /**
     * The files holding the leases of the memfile {@code file}, oldest first, as Kea loads them at
     * start: {@code FILE.completed} if a cleanup finished writing it, else {@code FILE.2} and
     * {@code FILE.1} that exist; then {@code FILE}.
     */
    static List<Path> files(Path file) {
        List<Path> files = new ArrayList<>();
        Path completed = sibling(file, ".completed");
        if (Files.exists(completed)) {
            files.add(completed);
        } else {
            for (String suffix : List.of(".2", ".1")) {
                Path older = sibling(file, suffix);
                if (Files.exists(older)) {
                    files.add(older);
                }
            }
        }
        files.add(file);
        return files;
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** One file of the memfile's set, and what to call it in a report. */
    record Part(String name, String text) {}

    /**
     * One memfile's text, or the files of its set one after the other (as
     * {@code cat kea-leases4.csv.2 kea-leases4.csv} gives them, each from its header): each header
     * starts a part, read in that order.
     */
    static ForeignLeaseFile parse(String text) {
        List<String> files = files(text);
        if (files.size() == 1) {
            return parse(List.of(new Part("", text)));
        }
        List<Part> named = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            named.add(new Part("file " + (i + 1) + " of " + files.size(), files.get(i)));
        }
        return parse(named);
    }

    /** The files of a set sent one after the other, each from its header line; one file: the text itself. */
    public static List<String> files(String text) {
        List<String> files = new ArrayList<>();
        int start = 0;
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            end = end < 0 ? text.length() : end + 1;
            if (at > start && text.substring(at, end).strip().startsWith("address,hwaddr,")) {
                files.add(text.substring(start, at));
                start = at;
            }
            at = end;
        }
        files.add(text.substring(start));
        return files;
    }

    /**
     * The files of one memfile, read in Kea's own order (the newest last): a later row of an
     * address supersedes every earlier one, in any of them.
     */
    static ForeignLeaseFile parse(List<Part> parts) {
        Map<Integer, String[]> newest = new TreeMap<>(Integer::compareUnsigned);
        Map<Integer, String> whereOf = new HashMap<>();
        Map<Integer, Map<String, Integer>> columnsOf = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Part part : parts) {
            String prefix = part.name().isEmpty() ? "" : part.name() + " ";
            List<String> lines = part.text().lines().toList();
            int headerAt = 0;
            while (headerAt < lines.size() && lines.get(headerAt).isBlank()) {
                headerAt++;
            }
            if (headerAt == lines.size()) {
                continue; // an empty file: Kea writes the header when it opens one
            }
            String[] header = lines.get(headerAt).strip().split(",", -1);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i], i);
            }
            for (String name : NEEDED) {
                if (!columns.containsKey(name)) {
                    throw new IllegalArgumentException(prefix + "the Kea memfile's header has no column " + name);
                }
            }
            for (int n = headerAt + 1; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] row = line.split(",", -1);
                if (row.length < header.length) {
                    skipped.add(prefix + "line " + (n + 1) + ": " + row.length + " columns, the header has " + header.length);
                    continue;
                }
                try {
                    int address = Ipv4Address.parse(row[columns.get("address")]).value();
                    newest.put(address, row);
                    whereOf.put(address, prefix + "line " + (n + 1));
                    columnsOf.put(address, columns);
                } catch (IllegalArgumentException e) {
                    skipped.add(prefix + "line " + (n + 1) + ": " + e.getMessage());
                }
            }
        }
        List<ForeignLease> leases = new ArrayList<>();
        newest.forEach((address, row) -> {
            String where = whereOf.get(address) + " (" + Ipv4Address.of(address) + ")";
            try {
                lease(row, columnsOf.get(address), note -> skipped.add(where + ": " + note)).ifPresentOrElse(leases::add,
                        () -> skipped.add(where + ": released, declined or reclaimed"));
            } catch (IllegalArgumentException e) {
                skipped.add(where + ": " + e.getMessage());
            }
        });
        return new ForeignLeaseFile("kea-memfile", List.copyOf(leases), List.copyOf(skipped));
    }

    private static Optional<ForeignLease> lease(String[] row, Map<String, Integer> columns, Consumer<String> notes) {
        long lifetime = Long.parseLong(row[columns.get("valid_lifetime")]);
        Integer stateColumn = columns.get("state");
        String state = stateColumn == null ? "0" : row[stateColumn];
        if (lifetime == 0 || !(state.isEmpty() || state.equals("0"))) {
            return Optional.empty();
        }
        String hwaddr = row[columns.get("hwaddr")];
        if (hwaddr.isEmpty()) {
            throw new IllegalArgumentException("no hardware address (a lease by client identifier alone)");
        }
        ClientIdentity client = ClientIdentity.of(MacAddress.parse(hwaddr));
        String clientId = row[columns.get("client_id")];
        if (!clientId.isEmpty()) {
            client = client.withClientId(ClientId.parse(clientId));
        }
        Integer hostnameColumn = columns.get("hostname");
        if (hostnameColumn != null && !row[hostnameColumn].isEmpty()) {
            client = ForeignLease.withHostnameIfValid(client, row[hostnameColumn].replace("&#x2c", ","), notes);
        }
        LeaseTime leaseTime = LeaseTime.ofSeconds(lifetime);
        Instant expires = leaseTime.isInfinite() ? Instant.MAX
                : Instant.ofEpochSecond(Long.parseLong(row[columns.get("expire")]));
        return Optional.of(new ForeignLease(Ipv4Address.parse(row[columns.get("address")]), client, leaseTime, expires));
    }
}
