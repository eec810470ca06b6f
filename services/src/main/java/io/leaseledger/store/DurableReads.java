package io.leaseledger.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a reader of the event table calls between reading events and handing them on: it returns
 * once the events it read are as durable as the store's commits are, or throws (the reader then
 * hands nothing on and reads again later). The store's own is {@link AxonStore#durableReads()}.
 */
@FunctionalInterface
public interface DurableReads {
    /** @param connection a connection of the store the events were read from */
    void awaitDurable(Connection connection) throws SQLException;
}
