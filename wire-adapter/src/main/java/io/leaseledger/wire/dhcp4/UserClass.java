package io.leaseledger.wire.dhcp4;

import java.util.List;

/**
 * User class (option 77, RFC 3004): one or more opaque class names, each sent with its length.
 * Many clients (iPXE sends {@code "iPXE"}, as do some Windows versions) send one bare string
 * instead; the reader accepts it as a single class with {@link #rfc3004()} false, and the writer
 * reproduces whichever form the value has. Names are held as ISO-8859-1 strings, so every byte
 * maps to one {@code char} and back without loss.
 */
public record UserClass(List<String> classes, boolean rfc3004) {

    public UserClass {
        classes = List.copyOf(classes);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a user class option holds at least one class");
        }
        if (!rfc3004 && classes.size() != 1) {
            throw new IllegalArgumentException("the bare (non RFC 3004) form holds exactly one class");
        }
        for (String c : classes) {
            if (c.isEmpty() || c.length() > 255 || !Latin1.isLatin1(c)) {
                throw new IllegalArgumentException("user class must be 1..255 single-byte characters: " + c);
            }
        }
    }

    /** RFC 3004 form, one length-prefixed instance per class. */
    public static UserClass of(String... classes) {
        return new UserClass(List.of(classes), true);
    }

    /** The non-conformant bare form some clients send, e.g. {@code UserClass.bare("iPXE")}. */
    public static UserClass bare(String userClass) {
        return new UserClass(List.of(userClass), false);
    }

    public boolean contains(String userClass) {
        return classes.contains(userClass);
    }
}
