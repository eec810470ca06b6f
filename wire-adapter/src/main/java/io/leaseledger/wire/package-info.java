/** DHCP on the wire: codecs, channels, reply addressing. */
package io.leaseledger.wire;
