package io.leaseledger.config;

import io.leaseledger.events.types.Ipv4Address;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/** What this machine's network looks like, as far as validating a configuration needs to know. */
public interface HostInterfaces {

    boolean interfaceExists(String name);

    /** Names of every interface, for the error message that says which ones exist. */
    List<String> interfaceNames();

    boolean isLocalAddress(Ipv4Address address);

    /** Every name and address passes: for reading a file written for another machine, or another day. */
    HostInterfaces ANY = new HostInterfaces() {
        @Override
        public boolean interfaceExists(String name) {
            return true;
        }

        @Override
        public List<String> interfaceNames() {
            return List.of();
        }

        @Override
        public boolean isLocalAddress(Ipv4Address address) {
            return true;
        }
    };

    /** The machine the server runs on, through {@link NetworkInterface}. */
    static HostInterfaces system() {
        return new HostInterfaces() {
            @Override
            public boolean interfaceExists(String name) {
                try {
                    return NetworkInterface.getByName(name) != null;
                } catch (SocketException e) {
                    return false;
                }
            }

            @Override
            public List<String> interfaceNames() {
                try {
                    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                            .map(NetworkInterface::getName).sorted().toList();
                } catch (SocketException e) {
                    return List.of();
                }
            }

            @Override
            public boolean isLocalAddress(Ipv4Address address) {
                try {
                    return NetworkInterface.getByInetAddress(InetAddress.getByAddress(address.toBytes())) != null;
                } catch (java.io.IOException e) {
                    return false;
                }
            }
        };
    }
}
