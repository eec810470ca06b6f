package io.leaseledger.events.subnet;

/**
 * The client state a DHCPREQUEST is sent from (RFC 2131 §4.3.2), told apart by
 * {@link ClientMessage#requestState()}:
 *
 * <table>
 *   <tr><th>state</th><th>server id (54)</th><th>requested address (50)</th><th>ciaddr</th><th>sent</th></tr>
 *   <tr><td>SELECTING</td><td>set</td><td>set</td><td>0</td><td>broadcast</td></tr>
 *   <tr><td>INIT_REBOOT</td><td>absent</td><td>set</td><td>0</td><td>broadcast</td></tr>
 *   <tr><td>RENEWING</td><td>absent</td><td>absent</td><td>set</td><td>unicast</td></tr>
 *   <tr><td>REBINDING</td><td>absent</td><td>absent</td><td>set</td><td>broadcast or relayed</td></tr>
 * </table>
 */
public enum RequestState {
    SELECTING,
    INIT_REBOOT,
    RENEWING,
    REBINDING,
    /** None of the above (no server id, no requested address, no ciaddr, or SELECTING without option 50). */
    INVALID
}
