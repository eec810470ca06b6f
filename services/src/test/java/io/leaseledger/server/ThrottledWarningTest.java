package io.leaseledger.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledWarningTest {

    @Test
    void oneLinePerIntervalCarryingTheCountOfTheOnesItStoodFor() {
        Logger logger = (Logger) LoggerFactory.getLogger("throttled-warning-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicLong now = new AtomicLong(1_000);
        ThrottledWarning warning = new ThrottledWarning(logger, Duration.ofSeconds(10), now::get);

        warning.warn("decision on {} failed", "198.18.0.0/16");
        for (int i = 0; i < 500; i++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            warning.warn("decision on {} failed", "198.18.0.0/16");
        }
        assertThat(lines.list).hasSize(1);

        now.addAndGet(Duration.ofSeconds(6).toNanos());
        warning.warn("decision on {} failed", "198.18.0.0/16");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "decision on 198.18.0.0/16 failed",
                "decision on 198.18.0.0/16 failed (and 500 more like it since the last such line)");
    }
}
