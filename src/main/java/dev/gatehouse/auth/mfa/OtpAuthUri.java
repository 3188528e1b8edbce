package dev.gatehouse.auth.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The enrollment URI authenticator apps scan, in Google Authenticator's key-URI format:
 * {@code otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30}.
 * Label and parameters are percent-encoded (spaces as {@code %20}, not {@code +}, which some apps
 * would show literally); the colon between issuer and account stays a literal separator.
 */
final class OtpAuthUri {

    private OtpAuthUri() {
    }

    static String of(String issuer, String account, String base32Secret) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(account)
                + "?secret=" + base32Secret
                + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
