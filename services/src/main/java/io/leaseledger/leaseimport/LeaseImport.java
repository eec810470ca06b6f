package io.leaseledger.leaseimport;

import io.leaseledger.events.subnet.ImportLease;
import io.leaseledger.events.subnet.ImportOutcome;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Takes another DHCP server's leases over (docs/operations.md, "Switching from Kea, ISC dhcpd or dnsmasq"):
 * one {@link ImportLease} per lease to the subnet that holds its address, each its own
 * transaction, so that what the subnet decides for one lease never depends on a batch. A lease
 * whose address no served subnet holds is reported, as is every lease a subnet did not take and why.
 */
public final class LeaseImport {

    /** What became of a file's leases. {@code notImported}: one line per lease not taken, with its reason. */
    public record Result(String format, Map<ImportOutcome, Integer> outcomes, int noSubnet, List<String> notImported,
                         List<String> unreadable) {
        public int imported() {
            return outcomes.getOrDefault(ImportOutcome.IMPORTED, 0);
        }

        public int leases() {
            return outcomes.values().stream().mapToInt(Integer::intValue).sum() + noSubnet;
        }

        /** Lines of {@code notImported} and {@code unreadable} left over when each shows its first {@code shown}. */
        public long linesBeyond(int shown) {
            return Math.max(0, notImported.size() - shown) + Math.max(0, unreadable.size() - shown);
        }

        /** "2 of 4 leases from FILE (kea-memfile): {IMPORTED=2, OUTSIDE_POOL=1}, NO_SUBNET=1". */
        public String summary(Object file) {
            return imported() + " of " + leases() + " leases from " + file + " (" + format + "): " + outcomes
                    + (noSubnet == 0 ? "" : ", NO_SUBNET=" + noSubnet);
        }
    }

    /** Sends one command and returns what the subnet made of it (the store's command gateway, at start). */
    @FunctionalInterface
    public interface Sender {
        ImportOutcome send(ImportLease command);
    }

    private LeaseImport() {}

    public static Result run(ForeignLeaseFile file, Function<Ipv4Address, Optional<SubnetId>> subnetOf, Sender sender,
                             Instant at) {
        Map<ImportOutcome, Integer> outcomes = new EnumMap<>(ImportOutcome.class);
        List<String> notImported = new ArrayList<>();
        int noSubnet = 0;
        for (ForeignLease lease : file.leases()) {
            Optional<SubnetId> subnet = subnetOf.apply(lease.address());
            if (subnet.isEmpty()) {
                noSubnet++;
                notImported.add(describe(lease) + ": no subnet served here holds the address");
                continue;
            }
            ImportOutcome outcome = sender.send(new ImportLease(subnet.get(), lease.address(), lease.client(),
                    lease.leaseTime(), lease.expiresAt(), at));
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome != ImportOutcome.IMPORTED && outcome != ImportOutcome.ALREADY_HELD) {
                notImported.add(describe(lease) + ": " + outcome);
            }
        }
        return new Result(file.format(), outcomes, noSubnet, notImported, file.skipped());
    }

    private static String describe(ForeignLease lease) {
        return lease.address() + " (" + lease.client().chaddr()
                + (lease.client().hostname() == null ? "" : ", " + lease.client().hostname().value()) + ")";
    }
}
