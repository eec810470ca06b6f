/**
 * Taking over the leases of the DHCP server LeaseLedger replaces: Kea's memfile and ISC dhcpd's
 * leases file read ({@link io.leaseledger.leaseimport.ForeignLeaseFile}), and each lease offered
 * to its subnet as an {@code ImportLease} at start ({@link io.leaseledger.leaseimport.LeaseImport}).
 * docs/operations.md, "Switching from Kea or ISC dhcpd".
 */
package io.leaseledger.leaseimport;
