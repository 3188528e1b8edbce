package dev.gatehouse.audit.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of audit search pages: base64url (unpadded) of the last id returned.
 * Opaque so clients pass it back instead of building it, which keeps the format ours to change.
 */
final class AuditCursor {

    private AuditCursor() {
    }

    static String encode(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(lastId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id the cursor stands for; {@link IllegalArgumentException} when it is not one we issued. */
    static long decode(String cursor) {
        if (cursor.isEmpty() || cursor.length() > 32) {
            throw new IllegalArgumentException("cursor has the wrong length");
        }
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        if (!text.matches("[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("cursor is not a position");
        }
        return Long.parseLong(text);
    }
}
