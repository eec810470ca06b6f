package io.leaseledger.metrics;

import io.leaseledger.store.AxonStore;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * Follows the events this node's store publishes, each payload handed over only after its
 * transaction committed: a batch that failed to commit is never counted or shown. Runs on the
 * thread that committed (a mailbox worker, or the API's request thread), so consumers must be quick.
 *
 * <p>Only what this node decided: the events it took from its HA partner (metadata {@code origin})
 * are the partner's to count.
 */
public final class CommittedEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CommittedEvents.class);

    private CommittedEvents() {}

    /** @return a handle that stops following */
    public static AutoCloseable follow(AxonStore store, Consumer<Object> consumer) {
        var registration = store.configuration().eventStore().subscribe(events -> {
            List<? extends EventMessage<?>> batch = List.copyOf(events);
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(u -> deliver(batch, consumer));
            } else {
                deliver(batch, consumer);
            }
        });
        return registration::cancel;
    }

    private static void deliver(List<? extends EventMessage<?>> batch, Consumer<Object> consumer) {
        for (EventMessage<?> event : batch) {
            if (!event.getMetaData().isEmpty() && event.getMetaData().containsKey("origin")) {
                continue;
            }
            try {
                consumer.accept(event.getPayload());
            } catch (RuntimeException e) {
                // A follower's bug must not fail the commit's caller (the reply is already due).
                LOG.warn("event follower failed on {}: {}", event.getPayloadType().getSimpleName(), e.toString());
            }
        }
    }
}
