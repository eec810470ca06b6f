package io.leaseledger.it.harness;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names for what tests create: {@code llt}, a random suffix, a role letter. Several worktrees
 * run tests at once on one machine, so names must not collide, and interface names must fit
 * the kernel's 15 characters.
 */
final class Names {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IFNAMSIZ = 15;

    private Names() {}

    /** {@code llt} + 8 random hex digits: 11 characters, room for a 4-character role. */
    static String unique() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return "llt" + HexFormat.of().formatHex(bytes);
    }

    static String interfaceName(String base, String role) {
        String name = base + role;
        if (name.length() > IFNAMSIZ) {
            throw new IllegalArgumentException("interface name too long for the kernel: " + name);
        }
        return name;
    }
}
