package io.leaseledger.server;

import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.RangeAdded;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** What the packet path stands on, for one subnet with a dynamic pool: an H2 store, its mailboxes, the settings view. */
record OneSubnetStore(AxonStore store, SubnetGateway gateway, SettingsView settings) implements AutoCloseable {

    static OneSubnetStore start(Path dataDirectory, Cidr cidr, AddressRange pool) {
        Instant now = Instant.now();
        SubnetId subnet = SubnetId.of(cidr);
        AxonStore store = AxonStore.start(StoreSettings.h2(dataDirectory), List.of(Subnet.class));
        store.commandGateway().sendAndWait(DefineSubnet.of(cidr, SubnetSettings.defaults(), now));
        store.commandGateway().sendAndWait(new AddRange(subnet, pool, RangeKind.DYNAMIC, now));
        SettingsView settings = new SettingsView();
        settings.on(new SubnetDefined(subnet, cidr, SubnetSettings.defaults(), now));
        settings.on(new RangeAdded(subnet, pool, RangeKind.DYNAMIC, now));
        SubnetGateway gateway = new SubnetGateway(store.commandGateway(), Clock.systemUTC(), store.settings().mailbox());
        return new OneSubnetStore(store, gateway, settings);
    }

    @Override
    public void close() {
        gateway.close();
        store.close();
    }
}
