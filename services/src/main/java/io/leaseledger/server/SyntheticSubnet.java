package io.leaseledger.server;

import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.wire.transport.Ingress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The warm-up's own subnet: never on any link, answered only inside this process. */
final class SyntheticSubnet {
    static final String INTERFACE = "warm-up0";
    static final String SERVER = "10.250.0.1";
    /** Half the clients come through a relay, as a rack's often do. */
    static final String RELAY = "10.250.0.254";

    private static final String YAML = """
            server:
              interfaces: [warm-up0]
            subnets:
              - cidr: 10.250.0.0/16
                gateway: 10.250.0.254
                dns-servers: [10.250.0.2, 10.250.0.3]
                domain: warm-up.invalid
                ranges:
                  - {start: 10.250.1.0, end: 10.250.254.254, kind: dynamic}
            """;

    static LeaseLedgerConfiguration configuration() {
        try {
            return new ConfigurationLoader(HostInterfaces.ANY).parse(YAML, "the warm-up's configuration");
        } catch (ConfigurationException e) {
            throw new IllegalStateException("the warm-up's own configuration does not read: " + e.getMessage(), e);
        }
    }

    static Ingress ingress() {
        try {
            return new Ingress.Interface(INTERFACE, 1, List.of((Inet4Address) InetAddress.getByName(SERVER)));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private SyntheticSubnet() {
    }
}
