package com.salespulse.kpi.webform;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key that turns a web-form e-mail address into a lead id: {@code W-} and the first 24 hex digits (96 bits)
 * of HMAC-SHA256(key, normalised address). The same address always gives the same lead; without the key nobody can
 * compute the lead id of a known address or test a guess, which a plain hash would allow. Its {@link #toString()}
 * never shows the key.
 *
 * <p>The key must be the same on every instance and must never change: another key gives every person a new lead id.
 */
public final class LeadIdKey {
    /** Prefix of derived lead ids, so that they never collide with a CRM's. */
    public static final String PREFIX = "W-";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HEX_DIGITS = 24;
    private static final LeadIdKey NONE = new LeadIdKey(null);

    private final SecretKeySpec key;

    private LeadIdKey(final SecretKeySpec key) {
        this.key = key;
    }

    /** No key: submissions that need one are dead-lettered. */
    public static LeadIdKey none() {
        return NONE;
    }

    /**
     * The key {@code secret} (its UTF-8 bytes); empty means {@link #none()}.
     *
     * @throws IllegalArgumentException when it is shorter than {@code minLength} characters
     */
    public static LeadIdKey of(final String secret, final int minLength) {
        if (secret == null || secret.isEmpty()) {
            return NONE;
        }
        if (secret.length() < minLength) {
            throw new IllegalArgumentException("the lead id key must be at least " + minLength + " characters long");
        }
        return new LeadIdKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    }

    public boolean isSet() {
        return key != null;
    }

    /**
     * The lead id of an address.
     *
     * @param normalisedEmail an address as {@link WebFormLeads#normaliseEmail} returns it
     * @throws IllegalStateException when there is no key
     */
    public String leadIdOf(final String normalisedEmail) {
        if (key == null) {
            throw new IllegalStateException("no lead id key");
        }
        try {
            // A Mac is not thread-safe and cheap to make; web forms are not a hot path.
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            final byte[] digest = mac.doFinal(normalisedEmail.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        } catch (final NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return isSet() ? "LeadIdKey[set]" : "LeadIdKey[none]";
    }
}
