package dev.gatehouse.inspection.detect;

/*
 * Scores path traversal on normalised text, where every encoding of '.', '/' and '\' has already
 * become '.' and '/' (%2e, %252e, %c0%ae, %u002e, fullwidth dots, backslashes). It counts
 * parent-directory steps: a run of two or more dots that starts a path segment and is followed
 * by '/', ";/" (Tomcat's "..;/") or the end. "....//" counts too: stripping "../" once from it
 * leaves "../", which is why filters that do so are bypassed.
 *
 *   two or more steps                                   12
 *   one step                                            5
 *   ..;/ (path parameter trick)                         +6
 *   a sensitive file: etc/passwd, win.ini, boot.ini,
 *   proc/self/, .ssh/, web-inf/web.xml …                8, +4 when the whole input is a path
 *   a wrapper that reads files: php://filter, file://   4–10
 *   a NUL byte (truncates a forced extension)           4
 *
 * One "../" (a relative link in docs) or one mention of /etc/passwd in prose stays below the
 * threshold; either together with the other, or a path that is nothing but the sensitive file, is
 * a detection.
 */
final class PathTraversalScorer {

    private static final String[] SENSITIVE = {"etc/passwd", "etc/shadow", "etc/group", "etc/hosts", "etc/issue",
        "etc/hostname", "etc/sudoers", "etc/master.passwd", "etc/security/", "proc/self/", "proc/version",
        "proc/cmdline", "var/log/", "windows/win.ini", "win.ini", "boot.ini", "system.ini", "windows/system32/",
        "winnt/", "repair/sam", "system32/config/", ".ssh/", "id_rsa", ".htaccess", ".htpasswd", "web-inf/",
        "web.config", ".bash_history", "inetpub/", ".aws/credentials", ".git/config", "etc/nginx/", "etc/apache2/",
        "etc/mysql/", "etc/ssh/sshd_config"};

    private static final String[][] BY_FIRST = new String[128][];

    static {
        for (String file : SENSITIVE) {
            char first = file.charAt(0);
            String[] bucket = BY_FIRST[first] == null ? new String[0] : BY_FIRST[first];
            String[] grown = java.util.Arrays.copyOf(bucket, bucket.length + 1);
            grown[bucket.length] = file;
            BY_FIRST[first] = grown;
        }
    }

    private final String text;
    private final int nulAt;
    private int score;

    private PathTraversalScorer(String text, int nulAt) {
        this.text = text;
        this.nulAt = nulAt;
    }

    static int score(Normalized input) {
        return new PathTraversalScorer(input.text(), input.nulAt()).run();
    }

    private int run() {
        int steps = 0;
        boolean semicolon = false;
        int length = text.length();
        int dots = text.indexOf("..");
        while (dots >= 0) {
            int end = dots;
            while (end < length && text.charAt(end) == '.') {
                end++;
            }
            boolean segmentStart = dots == 0 || "/=:'\" ;(,\n".indexOf(text.charAt(dots - 1)) >= 0;
            if (segmentStart) {
                if (end == length || text.charAt(end) == '/') {
                    steps++;
                } else if (text.startsWith(";/", end)) {
                    steps++;
                    semicolon = true;
                }
            }
            dots = text.indexOf("..", end);
        }
        if (steps >= 2) {
            score += 12;
        } else if (steps == 1) {
            score += 5;
        }
        if (semicolon) {
            score += 6;
        }
        sensitiveFile(steps);
        wrappers();
        if (nulAt >= 0 && score > 0) {
            score += 4;
        }
        return score;
    }

    /** One pass: at each word start (or '.'), the sensitive names that begin with that character. */
    private void sensitiveFile(int steps) {
        int length = text.length();
        for (int at = 0; at < length; at++) {
            char c = text.charAt(at);
            if (c >= 128 || BY_FIRST[c] == null || (c != '.' && at > 0 && Scan.alnum(text.charAt(at - 1)))) {
                continue;
            }
            for (String file : BY_FIRST[c]) {
                int end = at + file.length();
                if (text.startsWith(file, at) && (file.endsWith("/") || end == length || end == nulAt
                        || !(Scan.alnum(text.charAt(end)) || text.charAt(end) == '.' || text.charAt(end) == '-'
                        || text.charAt(end) == '_'))) {
                    score += 8;
                    if (steps == 0 && wholeInputIsPath()) {
                        score += 4;
                    }
                    return;
                }
            }
        }
    }

    /** No blanks: the input is a path (or a URL), not prose that mentions one. */
    private boolean wholeInputIsPath() {
        return text.indexOf(' ') < 0 && text.indexOf('\n') < 0;
    }

    private void wrappers() {
        if (text.contains("php://") || text.contains("zip://") || text.contains("phar://") || text.contains("expect://")) {
            score += 10;
        } else if (text.contains("file://")) {
            score += 4;
        }
    }
}
