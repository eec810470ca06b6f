package io.leaseledger.groupcommit;

/**
 * A packet arrived while its subnet already had {@code capacity} packets waiting: it is
 * dropped (and counted) rather than queued without bound. DHCP clients retransmit.
 */
public final class MailboxFullException extends RuntimeException {
    public MailboxFullException(String subnet, int capacity) {
        super("mailbox of subnet " + subnet + " is full (" + capacity + " waiting); packet dropped", null, false, false);
    }
}
