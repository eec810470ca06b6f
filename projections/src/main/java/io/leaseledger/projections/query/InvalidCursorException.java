package io.leaseledger.projections.query;

/** A page cursor that this layer did not hand out (or that belongs to another listing). */
public final class InvalidCursorException extends IllegalArgumentException {
    public InvalidCursorException(String cursor) {
        super("not a page cursor of this listing: \"" + cursor + "\"");
    }
}
