package io.leaseledger.deploy;

import io.leaseledger.config.HostInterfaces;
import io.leaseledger.events.types.Ipv4Address;

import java.util.ArrayList;
import java.util.List;

/**
 * The network of one compose service's container, as the configuration loader sees it: loopback,
 * and for each network it attaches to, the address compose gives it. Only interfaces the compose
 * file names ({@code interface_name}) are known by name: Docker names the others eth0, eth1, … in
 * an order the file does not fix, so a configuration must not serve them.
 */
record ContainerHost(List<String> interfaceNames, List<Ipv4Address> addresses) implements HostInterfaces {

    static ContainerHost of(ComposeFile.Service service) {
        List<String> names = new ArrayList<>(List.of("lo"));
        List<Ipv4Address> addresses = new ArrayList<>(List.of(Ipv4Address.parse("127.0.0.1")));
        service.networks().values().forEach(a -> {
            a.interfaceName().ifPresent(names::add);
            a.address().ifPresent(addresses::add);
        });
        return new ContainerHost(List.copyOf(names), List.copyOf(addresses));
    }

    @Override
    public boolean interfaceExists(String name) {
        return interfaceNames.contains(name);
    }

    @Override
    public boolean isLocalAddress(Ipv4Address address) {
        return addresses.contains(address);
    }
}
