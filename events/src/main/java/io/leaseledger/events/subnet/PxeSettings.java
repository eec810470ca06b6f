package io.leaseledger.events.subnet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.types.Ipv4Address;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Where this subnet's PXE clients find their next stage: every key optional (null when unset),
 * the configuration's global PXE block already laid under the subnet's own, key by key. Validates
 * itself with the file's rules, so an event never carries what no reply could send.
 *
 * @param nextServer       {@code siaddr}, the TFTP server of the next stage
 * @param serverName       {@code sname} and option 66: 1–63 single-byte characters
 * @param biosBootFile     boot file for option 93 type 0 (x86 BIOS): 1–127 single-byte characters
 * @param uefiX64BootFile  boot file for types 7 and 9 (x86-64 UEFI)
 * @param uefiArm64BootFile boot file for type 11 (arm64 UEFI)
 * @param httpBootX64Url   URL for x86-64 UEFI HTTP boot (http, https or tftp, with a host)
 * @param httpBootArm64Url URL for arm64 UEFI HTTP boot
 * @param ipxeScriptUrl    URL for clients whose user class (77) is {@code iPXE}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PxeSettings(Ipv4Address nextServer, String serverName, String biosBootFile, String uefiX64BootFile,
                          String uefiArm64BootFile, String httpBootX64Url, String httpBootArm64Url,
                          String ipxeScriptUrl) {

    /** No PXE: replies carry no next server and no boot file. */
    public static final PxeSettings NONE = new PxeSettings(null, null, null, null, null, null, null, null);

    /** {@code sname} holds 64 bytes and {@code file} 128, each with its terminating NUL. */
    public static final int MAX_SERVER_NAME = 63;
    public static final int MAX_BOOT_FILE = 127;

    public PxeSettings {
        checkName("serverName", serverName, MAX_SERVER_NAME);
        checkName("biosBootFile", biosBootFile, MAX_BOOT_FILE);
        checkName("uefiX64BootFile", uefiX64BootFile, MAX_BOOT_FILE);
        checkName("uefiArm64BootFile", uefiArm64BootFile, MAX_BOOT_FILE);
        checkUrl("httpBootX64Url", httpBootX64Url);
        checkUrl("httpBootArm64Url", httpBootArm64Url);
        checkUrl("ipxeScriptUrl", ipxeScriptUrl);
    }

    /** True when no key is set. */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * Why {@code value} is not a server or boot file name of at most {@code max} single-byte
     * characters, or null when it is one.
     */
    public static String nameProblem(String value, int max) {
        if (value.isEmpty() || value.length() > max || value.chars().anyMatch(c -> c == 0 || c > 0xFF)) {
            return "1 to " + max + " single-byte characters";
        }
        return null;
    }

    /** Why {@code value} is not a boot URL (scheme http, https or tftp, and a host), or null when it is one. */
    public static String urlProblem(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("http", "https", "tftp").contains(scheme) || uri.getHost() == null) {
            return "needs a scheme (http, https or tftp) and a host";
        }
        return null;
    }

    private static void checkName(String field, String value, int max) {
        String problem = value == null ? null : nameProblem(value, max);
        if (problem != null) {
            throw new IllegalArgumentException(field + " '" + value + "': " + problem);
        }
    }

    private static void checkUrl(String field, String value) {
        String problem = value == null ? null : urlProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException(field + " '" + value + "': " + problem);
        }
    }
}
