package io.leaseledger.it.harness;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One subnet a test's server serves, in the terms of LeaseLedger's configuration: CIDR,
 * gateway, DNS, domain, lease time, one dynamic range, optional PXE. Rendered to the
 * server's YAML by {@link LeaseLedgerConfig} (and to flags by {@link DnsmasqServer}).
 */
public record ServedSubnet(
        String cidr, String gateway, List<String> dns, String domain, Duration leaseTime,
        String rangeStart, String rangeEnd, Optional<Pxe> pxe) {

    public ServedSubnet {
        TestNetwork.requireTestCidr(cidr);
        TestNetwork.requireTestAddress(gateway);
        TestNetwork.requireTestAddress(rangeStart);
        TestNetwork.requireTestAddress(rangeEnd);
        dns = List.copyOf(dns);
    }

    /** PXE settings: next-server, boot file per client architecture, and the iPXE script URL. */
    /** @param httpUefiX64Url the UEFI HTTP boot URL for x86-64 ({@code http-uefi-x64}); null: none */
    public record Pxe(String nextServer, String biosFile, String uefiX64File, String uefiArm64File, String ipxeScript,
                      String httpUefiX64Url) {
        public Pxe {
            TestNetwork.requireTestAddress(nextServer);
        }

        public Pxe(String nextServer, String biosFile, String uefiX64File, String uefiArm64File, String ipxeScript) {
            this(nextServer, biosFile, uefiX64File, uefiArm64File, ipxeScript, null);
        }
    }

    /**
     * The usual test subnet {@code 198.18.N.0/24}: gateway .1, DNS .1, domain {@code llt.test},
     * dynamic range {@code .100} to {@code .100 + size - 1}.
     */
    public static ServedSubnet small(int n, int size, Duration leaseTime) {
        String net = "198.18." + n + ".";
        return new ServedSubnet(net + "0/24", net + "1", List.of(net + "1"), "llt.test", leaseTime,
                net + "100", net + (100 + size - 1), Optional.empty());
    }

    public ServedSubnet withPxe(Pxe settings) {
        return new ServedSubnet(cidr, gateway, dns, domain, leaseTime, rangeStart, rangeEnd, Optional.of(settings));
    }

    public String netmask() {
        int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (mask >> 24) + "." + ((mask >> 16) & 0xff) + "." + ((mask >> 8) & 0xff) + "." + (mask & 0xff);
    }
}
