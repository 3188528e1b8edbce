package dev.gatehouse.crawl.extract;

/** Markdown code fences that cannot be closed early by the content they hold. */
final class Fences {

    private Fences() {
    }

    /** {@code content} in a backtick fence one longer than its longest backtick run (at least three). */
    static String fence(String language, String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + "\n" + content.strip() + "\n" + fence;
    }
}
