package io.leaseledger.it.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's dnsmasq as the reference server: DHCP only ({@code --port=0} turns DNS off), no
 * config file, no hosts file, bound to the test's interfaces, leases in the test's temp dir.
 * Used to validate the harness, never as the only server a test asserts against.
 */
final class DnsmasqServer implements DhcpServer {
    private final ChildProcess process;

    private DnsmasqServer(ChildProcess process) {
        this.process = process;
    }

    static DnsmasqServer start(Setup setup) {
        List<String> cmd = new ArrayList<>(List.of(Requirements.path("dnsmasq"), "--no-daemon", "--port=0",
                "--conf-file=/dev/null", "--no-hosts", "--no-resolv", "--bind-interfaces", "--log-dhcp",
                "--dhcp-authoritative", "--pid-file=" + setup.dir().resolve("dnsmasq.pid"),
                "--dhcp-leasefile=" + setup.dir().resolve("dnsmasq.leases")));
        setup.interfaces().forEach(i -> cmd.add("--interface=" + i));
        int tag = 0;
        for (ServedSubnet s : setup.subnets()) {
            String t = "s" + tag++;
            // dnsmasq refuses lease times under two minutes; its renewals are therefore slower.
            long lease = Math.max(120, s.leaseTime().toSeconds());
            cmd.add("--dhcp-range=set:" + t + "," + s.rangeStart() + "," + s.rangeEnd() + "," + s.netmask() + "," + lease);
            cmd.add("--dhcp-option=tag:" + t + ",option:router," + s.gateway());
            cmd.add("--dhcp-option=tag:" + t + ",option:dns-server," + String.join(",", s.dns()));
            cmd.add("--dhcp-option=tag:" + t + ",option:domain-name," + s.domain());
            s.pxe().ifPresent(p -> {
                cmd.add("--dhcp-match=set:efi64,option:client-arch,7");
                cmd.add("--dhcp-match=set:efiarm64,option:client-arch,11");
                cmd.add("--dhcp-userclass=set:ipxe,iPXE");
                cmd.add("--dhcp-boot=tag:" + t + ",tag:!ipxe,tag:!efi64,tag:!efiarm64," + p.biosFile() + ",," + p.nextServer());
                cmd.add("--dhcp-boot=tag:" + t + ",tag:!ipxe,tag:efi64," + p.uefiX64File() + ",," + p.nextServer());
                cmd.add("--dhcp-boot=tag:" + t + ",tag:!ipxe,tag:efiarm64," + p.uefiArm64File() + ",," + p.nextServer());
                cmd.add("--dhcp-boot=tag:" + t + ",tag:ipxe," + p.ipxeScript() + ",," + p.nextServer());
            });
        }
        ChildProcess process = setup.namespace().start("dnsmasq", setup.dir().resolve("dnsmasq.log"), setup.dir(), cmd);
        try {
            Readiness.awaitPort67(setup.namespace(), process, Duration.ofSeconds(20));
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
        return new DnsmasqServer(process);
    }

    @Override
    public ChildProcess process() {
        return process;
    }

    @Override
    public boolean isLeaseLedger() {
        return false;
    }

    @Override
    public void close() {
        process.close();
    }
}
