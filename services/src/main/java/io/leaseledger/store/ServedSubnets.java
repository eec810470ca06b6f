package io.leaseledger.store;

import io.leaseledger.events.types.SubnetId;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * The subnets this node serves (from the configuration). When a bean of this type exists,
 * {@link StoreFactory} makes the {@code ReclaimScheduler} for them, started when first asked for
 * (a lazy singleton: {@code LeaseLedgerNode.start} asks for it once the transport is open).
 */
@FunctionalInterface
public interface ServedSubnets extends Supplier<Collection<SubnetId>> {
}
