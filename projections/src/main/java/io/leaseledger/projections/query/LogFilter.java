package io.leaseledger.projections.query;

import io.leaseledger.projections.Decision;

import java.time.Instant;

/** Which transaction-log rows to list; null parts match everything; the time window is [from, to). */
public record LogFilter(String subnet, String mac, String address, Decision decision, Instant from, Instant to) {

    public static LogFilter any() {
        return new LogFilter(null, null, null, null, null, null);
    }

    public LogFilter withSubnet(String value) {
        return new LogFilter(value, mac, address, decision, from, to);
    }

    public LogFilter withMac(String value) {
        return new LogFilter(subnet, value, address, decision, from, to);
    }

    public LogFilter withAddress(String value) {
        return new LogFilter(subnet, mac, value, decision, from, to);
    }

    public LogFilter withDecision(Decision value) {
        return new LogFilter(subnet, mac, address, value, from, to);
    }

    public LogFilter between(Instant fromInclusive, Instant toExclusive) {
        return new LogFilter(subnet, mac, address, decision, fromInclusive, toExclusive);
    }
}
