/**
 * The {@code Subnet} aggregate: one per subnet, deciding every lease on it.
 *
 * <p>{@link io.leaseledger.subnet.Subnet} handles the commands of
 * {@code io.leaseledger.events.subnet}; {@code LeaseRules} applies RFC 2131 §4.3 to one client
 * message; {@link io.leaseledger.subnet.AllocationPolicy} chooses addresses; {@code SubnetState}
 * holds the state and its derived indexes. See {@code docs/architecture.md}, "Allocation".
 */
package io.leaseledger.subnet;
