package io.leaseledger.store;

import io.leaseledger.events.types.SubnetId;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * The subnets this node serves (from the configuration). When a bean of this type exists,
 * {@link StoreFactory} starts the {@code ReclaimScheduler} for them.
 */
@FunctionalInterface
public interface ServedSubnets extends Supplier<Collection<SubnetId>> {
}
