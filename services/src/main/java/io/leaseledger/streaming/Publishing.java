package io.leaseledger.streaming;

import io.leaseledger.config.KafkaConfiguration;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSerializers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Starts the publisher a node's configuration asks for: a rack always, {@code all} when it has a {@code kafka:} block. */
public final class Publishing {
    private static final Logger LOG = LoggerFactory.getLogger(Publishing.class);

    private Publishing() {}

    public static Optional<KafkaPublisher> start(LeaseLedgerConfiguration config, AxonStore store) {
        if (!config.node().role().servesDhcp() || config.kafka().isEmpty()) {
            return Optional.empty();
        }
        KafkaConfiguration kafka = config.kafka().get();
        String node = config.node().name();
        return Optional.of(start(kafka, node, store));
    }

    public static KafkaPublisher start(KafkaConfiguration kafka, String node, AxonStore store) {
        CloudEventRecords records = new CloudEventRecords(CloudEventRecords.sourceOf(node), kafka.leaseTopic(),
                kafka.configurationTopic(), StoreSerializers.eventMapper(), store.configuration().eventSerializer());
        PublisherPosition position = new PublisherPosition(store.dataSource(), "kafka:" + kafka.leaseTopic()
                + "," + kafka.configurationTopic());
        boolean[] topicsChecked = {false};
        EventTableReader reader = new EventTableReader(store.dataSource(), store.durableReads(), KafkaPublisher.DEFAULT_BATCH);
        KafkaPublisher publisher = KafkaPublisher.start(reader, store.transactionManager().commitSignal(), position,
                records, KafkaClients.producer(kafka, node), () -> {
                    if (!topicsChecked[0]) {
                        KafkaClients.ensureTopics(kafka, node);
                        topicsChecked[0] = true;
                    }
                });
        LOG.info("publishing every event to {} (topics {}) as {}", kafka.bootstrapServersText(), kafka.topics(),
                CloudEventRecords.sourceOf(node));
        return publisher;
    }
}
