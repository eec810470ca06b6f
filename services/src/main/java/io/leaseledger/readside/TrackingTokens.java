package io.leaseledger.readside;

import io.leaseledger.projections.SourcePosition;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Axon tracking tokens of the JDBC event store as the text a projection position keeps:
 * {@code "INDEX"} or {@code "INDEX;GAP,GAP,..."}, the gaps being global indexes below INDEX not
 * seen yet (events of transactions that had not committed when the reader passed them).
 */
public final class TrackingTokens {
    private TrackingTokens() {}

    public static String encode(TrackingToken token) {
        return switch (token) {
            case GapAwareTrackingToken gap -> {
                String text = gap.getIndex() + (gap.getGaps().isEmpty() ? "" : ";" + join(gap.getGaps()));
                // Gaps this old have long been given up by the store; keep the newest that fit.
                List<Long> gaps = new ArrayList<>(gap.getGaps());
                while (text.length() > SourcePosition.MAX_TOKEN_LENGTH && !gaps.isEmpty()) {
                    gaps.subList(0, Math.max(1, gaps.size() / 4)).clear();
                    text = gap.getIndex() + (gaps.isEmpty() ? "" : ";" + join(gaps));
                }
                yield text;
            }
            case GlobalSequenceTrackingToken global -> Long.toString(global.getGlobalIndex());
            default -> throw new IllegalArgumentException("cannot keep a tracking token of type " + token.getClass().getName());
        };
    }

    public static TrackingToken decode(String text) {
        try {
            int semi = text.indexOf(';');
            long index = Long.parseLong(semi < 0 ? text : text.substring(0, semi));
            TreeSet<Long> gaps = new TreeSet<>();
            if (semi >= 0) {
                for (String g : text.substring(semi + 1).split(",")) {
                    gaps.add(Long.parseLong(g));
                }
            }
            return GapAwareTrackingToken.newInstance(index, gaps);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an event-store position: \"" + text + "\"", e);
        }
    }

    private static String join(Iterable<Long> gaps) {
        StringBuilder b = new StringBuilder();
        for (Long g : gaps) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(g);
        }
        return b.toString();
    }
}
