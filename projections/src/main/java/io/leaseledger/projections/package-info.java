/** Read models built from the event log. */
package io.leaseledger.projections;
