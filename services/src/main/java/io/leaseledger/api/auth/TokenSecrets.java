package io.leaseledger.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Making and hashing token secrets.
 *
 * <p>A token is {@code ll_<id>_<secret>}: the id (8 random bytes, hex) names it in listings, the
 * secret is 32 bytes from {@link SecureRandom} (256 bits, base64url). Only SHA-256 of the whole
 * string is stored. A slow, salted hash (PBKDF2) protects <em>passwords</em>, which are guessable;
 * a 256-bit random secret cannot be guessed, so a stolen tokens file gives an attacker nothing to
 * brute-force, and a fast hash keeps every API request cheap (PBKDF2 at a safe work factor would
 * cost tens of milliseconds per request).
 */
public final class TokenSecrets {
    public static final String PREFIX = "ll_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {}

    /** A new token: its id and the full secret string (shown once, never stored). */
    public record NewSecret(String id, String token) {}

    public static NewSecret generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String idHex = HexFormat.of().formatHex(id);
        return new NewSecret(idHex, PREFIX + idHex + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    public static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
