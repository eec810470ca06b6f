/**
 * Taking over the leases of the DHCP server LeaseLedger replaces: Kea's memfile, ISC dhcpd's
 * leases file and dnsmasq's read ({@link io.leaseledger.leaseimport.ForeignLeaseFile}), and each lease offered
 * to its subnet as an {@code ImportLease} at start ({@link io.leaseledger.leaseimport.LeaseImport}).
 * docs/operations.md, "Switching from Kea, ISC dhcpd or dnsmasq".
 */
package io.leaseledger.leaseimport;
