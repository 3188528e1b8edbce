package dev.gatehouse.audit.internal;

import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.platform.secrets.Digests;

/**
 * The audit hash chain: computes a record's hash from the previous hash and its canonical form.
 *
 * <p>Every record carries the hash of the record before it ({@code prev_hash}) and its own hash:
 * <pre>
 *     hash = lowercase hex of SHA-256( UTF-8( prev_hash + canonical(record) ) )
 * </pre>
 * so changing any stored field, removing a record or reordering records changes a hash that a
 * later record (or the chain head) has already fixed. The first record chains from
 * {@link #GENESIS} (64 zeros); after retention deletes the oldest records, the chain head keeps
 * the id and hash of the last deleted one as the anchor the remaining chain starts from.
 *
 * <p>{@code canonical(record)} is a JSON array without whitespace, always of these 12 values in
 * this order:
 * <pre>
 *     [id, at, actor_id, org_id, action, target, outcome, ip, user_agent, request_id,
 *      threat_level, details]
 * </pre>
 * {@code id} and {@code at} (epoch milliseconds) are JSON integers; every other value is a JSON
 * string, or the literal {@code null} when absent, so "absent" and "empty" differ.
 * {@code details} is the stored details text (itself JSON with sorted keys, written once at
 * append time) embedded as a string, so verification hashes exactly what is stored and never
 * depends on how a JSON library would re-serialise it. Strings escape only the quote and the
 * backslash (with a backslash) and the control characters U+0000 to U+001F (as a backslash, "u00"
 * and two lowercase hex digits); everything else is written as is. The rules are small on
 * purpose: an auditor can re-implement them in a few lines without this code.
 *
 * <p>This is the append-only, tamper-evident log of Schneier and Kelsey ("Secure Audit Logs to
 * Support Computer Forensics", 1999) without the keyed MAC: it reveals edits made behind
 * Gatehouse's back, not those of someone who also rewrites every later hash and the head.
 * Copying the head hash elsewhere now and then closes that gap.
 */
public final class ChainHash {

    /** The prev_hash of the very first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {
    }

    /** The hash of {@code entry} chained onto its {@code prevHash}; its own {@code hash} is ignored. */
    public static String of(AuditEntry entry) {
        return sha256Hex(entry.prevHash() + canonical(entry));
    }

    static String canonical(AuditEntry e) {
        StringBuilder out = new StringBuilder(256);
        out.append('[').append(e.id()).append(',').append(e.at().toEpochMilli());
        for (String value : new String[] {e.actorId(), e.orgId(), e.action(), e.target(), e.outcome(), e.ip(),
                e.userAgent(), e.requestId(), e.threatLevel(), e.details()}) {
            out.append(',');
            appendString(out, value);
        }
        return out.append(']').toString();
    }

    private static void appendString(StringBuilder out, @Nullable String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(HEX.toHexDigits((byte) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static String sha256Hex(String text) {
        return Digests.sha256Hex(text);
    }
}
