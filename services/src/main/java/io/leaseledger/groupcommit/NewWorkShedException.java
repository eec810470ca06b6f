package io.leaseledger.groupcommit;

/**
 * A message that would start new work (a DISCOVER) refused because the subnet's mailbox is more
 * than half full: under overload the mailbox keeps its room for the messages that finish work
 * already begun (the REQUESTs of clients it has offered an address), see {@link SubnetMailbox}.
 */
public final class NewWorkShedException extends RuntimeException {
    public NewWorkShedException(String subnet, int waiting, int limit) {
        super("mailbox of subnet " + subnet + " holds " + waiting + " messages, over the " + limit
                + " that new work may join; a new client's packet is dropped so the offered ones get their answers",
                null, false, false);
    }
}
