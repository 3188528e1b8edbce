package dev.gatehouse.inspection.detect;

/*
 * A fixed set of lower-case words, each with a small integer tag, looked up by a region of a
 * string without cutting it out: the scorers call this for every word they lex, so the lookup
 * must not allocate. Open addressing over a power-of-two table keyed by a simple polynomial hash
 * of the characters; a hit is confirmed with regionMatches.
 */
final class Vocabulary {

    static final int STRONG = 2;
    static final int WEAK = 1;

    private final String[] words;
    private final int[] tags;
    private final int mask;

    private Vocabulary(String[] entries, int[] entryTags) {
        int size = Integer.highestOneBit(Math.max(4, entries.length) * 4);
        words = new String[size];
        tags = new int[size];
        mask = size - 1;
        for (int i = 0; i < entries.length; i++) {
            String word = entries[i];
            int slot = hash(word, 0, word.length()) & mask;
            while (words[slot] != null) {
                if (words[slot].equals(word)) {
                    throw new IllegalArgumentException("duplicate word " + word);
                }
                slot = (slot + 1) & mask;
            }
            words[slot] = word;
            tags[slot] = entryTags[i];
        }
    }

    /** All {@code words} with the same tag. */
    static Vocabulary of(int tag, String... words) {
        int[] entryTags = new int[words.length];
        java.util.Arrays.fill(entryTags, tag);
        return new Vocabulary(words, entryTags);
    }

    /** Words with their own tags, as parallel arrays. */
    /** A vocabulary of two strengths: each word of {@code strong} tagged {@code 2}, each of {@code weak} {@code 1}. */
    static Vocabulary strongAndWeak(String[] strong, String[] weak) {
        String[] words = new String[strong.length + weak.length];
        int[] tags = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            boolean isStrong = i < strong.length;
            words[i] = isStrong ? strong[i] : weak[i - strong.length];
            tags[i] = isStrong ? STRONG : WEAK;
        }
        return tagged(words, tags);
    }

    static Vocabulary tagged(String[] words, int[] tags) {
        return new Vocabulary(words, tags);
    }

    /** The tag of {@code text[start, end)}, or 0 when it is not a word of this set. */
    int tag(String text, int start, int end) {
        int length = end - start;
        int slot = hash(text, start, end) & mask;
        while (words[slot] != null) {
            String word = words[slot];
            if (word.length() == length && text.regionMatches(start, word, 0, length)) {
                return tags[slot];
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    boolean contains(String text, int start, int end) {
        return tag(text, start, end) != 0;
    }

    private static int hash(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h ^ (h >>> 16);
    }
}
