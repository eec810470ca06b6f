package io.leaseledger.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The warm-up's two kinds of clients: every other round goes over loopback while that works;
 * a loopback round that fails (a reply lost, the socket gone) is logged and the rest run in
 * process.
 */
final class WarmupClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    private final SyntheticClients inProcess;
    private Optional<SyntheticClients> loopback;
    private int loopbackRounds;
    /** DORAs of a loopback client set that has been given up. */
    private int loopbackExchanges;

    WarmupClients(SyntheticClients inProcess, Optional<SyntheticClients> loopback) {
        this.inProcess = inProcess;
        this.loopback = loopback;
    }

    void round(int round) {
        if (round % 2 == 1 && loopback.isPresent()) {
            try {
                loopback.get().round(round, Warmup.CLIENTS_PER_ROUND);
                loopbackRounds++;
                return;
            } catch (RuntimeException e) {
                LOG.info("warm-up: the socket path stops after {} rounds ({}); the rest in process", loopbackRounds,
                        e.toString());
                loopback.get().close();
                loopbackExchanges = loopback.get().exchanges();
                loopback = Optional.empty();
            }
        }
        inProcess.round(round, Warmup.CLIENTS_PER_ROUND);
    }

    /** Rounds run over loopback. */
    int loopbackRounds() {
        return loopbackRounds;
    }

    int exchanges() {
        return inProcess.exchanges() + loopback.map(SyntheticClients::exchanges).orElse(loopbackExchanges);
    }

    @Override
    public void close() {
        loopback.ifPresent(SyntheticClients::close);
    }
}
