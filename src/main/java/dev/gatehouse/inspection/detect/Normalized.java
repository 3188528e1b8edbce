package dev.gatehouse.inspection.detect;

/**
 * An input after {@link Normalizer}: decoded, folded and collapsed.
 *
 * @param text  what the scorers read: lower case, {@code /} for {@code \}, single spaces
 * @param nulAt where in {@code text} the first NUL byte was removed, or -1 (a NUL cuts off a
 *              forced file extension: {@code /etc/passwd%00.png})
 */
public record Normalized(String text, int nulAt) {

    public boolean hadNul() {
        return nulAt >= 0;
    }
}
