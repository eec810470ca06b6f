package io.leaseledger;

/** Entry point of the {@code leaseledger} binary. */
public final class LeaseLedger {
    private LeaseLedger() {}

    public static void main(String[] args) {
        System.out.println("LeaseLedger");
    }
}
