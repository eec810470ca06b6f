package io.leaseledger.streaming;

import io.leaseledger.config.KafkaConfiguration;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Kafka broker in this JVM (KRaft: one controller, one broker; Kafka's own
 * {@link KafkaClusterTestKit}), which a test can stop and start again on the same port and data.
 */
public final class KafkaBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static KafkaBroker start(Path directory) throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(1)
                .setBaseDirectory(directory)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // A restarted broker registers again once the controller let its old session go.
                .setConfigProp("broker.session.timeout.ms", "2000")
                .setConfigProp("broker.heartbeat.interval.ms", "500")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new KafkaBroker(cluster);
    }

    /**
     * A broker in a process of its own, for benchmarks ({@code bin/bench-publish-lag} with
     * {@code BROKER=separate}): {@code KafkaBroker DIRECTORY [SECONDS]} prints
     * {@code bootstrap=HOST:PORT} and serves until killed or SECONDS (default 1800) passed.
     */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 1_800;
        try (KafkaBroker broker = start(Path.of(args[0]))) {
            System.out.println("bootstrap=" + broker.bootstrapServers());
            System.out.flush();
            Thread.sleep(seconds * 1_000);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The {@code kafka:} block a node would have for this broker, with small topics. */
    KafkaConfiguration configuration() {
        return configuration(bootstrapServers());
    }

    /** The same for a broker at {@code bootstrapServers}. */
    static KafkaConfiguration configuration(String bootstrapServers) {
        return new KafkaConfiguration(List.of(bootstrapServers.split(",")), Optional.empty(),
                KafkaConfiguration.DEFAULT_LEASE_TOPIC, KafkaConfiguration.DEFAULT_CONFIGURATION_TOPIC, 4,
                Optional.of((short) 1), Map.of());
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    /** Stops the broker (the controller stays): clients see the broker gone. */
    void stopBroker() {
        broker().shutdown();
        broker().awaitShutdown();
    }

    void startBroker() throws Exception {
        broker().startup();
        cluster.waitForReadyBrokers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
