package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.KafkaConfiguration;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.streaming.StreamFilter;
import io.leaseledger.streaming.Tail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code leaseledger tail}: follows the event stream on Kafka, filtered, as lines or JSON. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Follows the event stream on Kafka live (both topics), one event per line; "
                + "--json prints each as a JSON object (CloudEvents attributes and data).",
                "Brokers and topics come from --config FILE (its kafka: block) or --bootstrap-servers.",
                "Exit code 0 when stopped (--max reached, --timeout passed, Ctrl-C), 2 on bad arguments "
                        + "or configuration."})
public final class TailCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "A node's YAML configuration: its kafka: block is used.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Brokers, when there is no --config (default topics unless --leases-topic/--configuration-topic).")
    String bootstrapServers;

    @Option(names = "--leases-topic", paramLabel = "TOPIC", description = "Overrides the lease topic.")
    String leasesTopic;

    @Option(names = "--configuration-topic", paramLabel = "TOPIC", description = "Overrides the configuration topic.")
    String configurationTopic;

    @Mixin
    StreamOptions stream = new StreamOptions();

    @Option(names = "--from-beginning", description = "Start with the oldest event Kafka keeps instead of the next one.")
    boolean fromBeginning;

    @Option(names = "--json", description = "One JSON object per event.")
    boolean json;

    @Override
    public Integer call() {
        KafkaConfiguration kafka;
        Tail.Options options;
        try {
            kafka = kafka();
            options = new Tail.Options(StreamFilter.of(stream.subnets, stream.mac, stream.types), fromBeginning, json,
                    stream.max(), stream.timeout());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        AtomicBoolean stopped = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stopped.set(true);
            try {
                main.join(2_000);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "leaseledger-tail-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Tail.run(kafka, options, System.out, stopped::get);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        return 0;
    }

    private KafkaConfiguration kafka() throws ConfigurationException {
        KafkaConfiguration base;
        if (config != null) {
            LeaseLedgerConfiguration c = new ConfigurationLoader(HostInterfaces.system()).load(config);
            base = c.kafka().orElseThrow(() -> new IllegalArgumentException(config + " has no kafka: block"));
        } else if (bootstrapServers != null) {
            base = KafkaConfiguration.of(bootstrapServers);
        } else {
            throw new IllegalArgumentException("name the brokers: --config FILE or --bootstrap-servers HOST:PORT");
        }
        return new KafkaConfiguration(base.bootstrapServers(), base.clientId(),
                leasesTopic != null ? leasesTopic : base.leaseTopic(),
                configurationTopic != null ? configurationTopic : base.configurationTopic(),
                base.partitions(), base.replicationFactor(), base.properties());
    }
}
