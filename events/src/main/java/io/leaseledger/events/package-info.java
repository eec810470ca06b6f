/** The language of LeaseLedger: value types, commands and events. */
package io.leaseledger.events;
