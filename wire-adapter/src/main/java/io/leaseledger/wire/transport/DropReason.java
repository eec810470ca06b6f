package io.leaseledger.wire.transport;

/**
 * Why a received datagram was dropped, as a counter label. Open so that later stages (the
 * decoder: one reason per decoding error) add their own reasons, each an enum constant.
 */
public interface DropReason {

    /** A stable label, e.g. {@code HANDLER_FAILED}. */
    String name();
}
