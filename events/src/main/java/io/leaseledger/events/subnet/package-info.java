/**
 * Commands and events of the {@code Subnet} aggregate, its client messages and decisions.
 * The event catalogue is {@code docs/events.md}.
 */
package io.leaseledger.events.subnet;
