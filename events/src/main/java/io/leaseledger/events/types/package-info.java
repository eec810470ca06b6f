/**
 * Value types that validate themselves and serialise as readable strings: addresses, CIDRs,
 * ranges, hardware addresses, client identifiers, lease times, client identities.
 */
package io.leaseledger.events.types;
