package io.leaseledger.it.harness;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ground of the tests whose clients are scapy scripts on a served LAN: a {@link Lab} torn
 * down after each test, and the requirements checked before it (root, {@code ip}, the server's
 * tools, scapy), so that a machine without them skips rather than fails.
 */
public abstract class ScapyLan {
    @RegisterExtension
    protected final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeServedLan();
        Requirements.assumeScapy();
    }
}
