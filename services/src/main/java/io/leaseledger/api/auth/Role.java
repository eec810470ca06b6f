package io.leaseledger.api.auth;

import java.util.Locale;

/**
 * What an API token may do. Ordered: each role may do everything the roles before it may.
 * {@link #READ_ONLY} reads leases, history, utilisation and configuration; {@link #OPERATOR}
 * also changes configuration (subnets, ranges, reservations, options); {@link #ADMIN} also
 * manages tokens.
 */
public enum Role {
    READ_ONLY,
    OPERATOR,
    ADMIN;

    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }

    /** The name on the command line and in the tokens file: {@code read-only}, {@code operator}, {@code admin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Role fromLabel(String text) {
        String normal = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Role role : values()) {
            if (role.name().equals(normal)) {
                return role;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a role: use read-only, operator or admin");
    }
}
