package org.opsmon.monitoring.agent.text;

/**
 * What a text value sent to the server may contain: no control characters (U+0000–U+001F and
 * U+007F–U+009F) except TAB, no unpaired UTF-16 surrogates, and no more than a per-field number
 * of characters. The server refuses a snapshot that breaks the rule, and PostgreSQL refuses a NUL
 * outright, so one odd byte typed into a shell history would otherwise cost whole batches. The
 * agent therefore rewrites what it collects instead of dropping it: a forbidden character becomes
 * U+FFFD (the reader still sees that something was there) and over-long text is cut at the limit.
 * Lengths count UTF-16 units, which is never fewer than code points, so a value that fits here
 * fits however the server counts.
 */
public final class TextRule {

    /** {@code commands[].user}: longer than any account name Linux tools accept. */
    public static final int MAX_USER = 64;
    /** {@code commands[].command}: long pipelines and generated command lines would dominate a snapshot. */
    public static final int MAX_COMMAND = 4096;
    /** Values that label a list item and become part of a series' identity: path, device, interface, name. */
    public static final int MAX_LABEL = 256;
    /** Every other text: hostname, OS names, filesystem type, GPU name, driver version. */
    public static final int MAX_TEXT = 1024;

    public static final char REPLACEMENT = '\uFFFD';

    private TextRule() {
    }

    /** True for the characters the rule forbids on their own (surrogates depend on their neighbour). */
    public static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
    }

    /**
     * The text made to conform: forbidden characters replaced, cut at {@code maxLength} without
     * splitting a surrogate pair. Returns the very same instance when the text already conforms,
     * so a caller can tell with {@code ==} whether anything was rewritten; null stays null.
     */
    public static String sanitise(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        int end = cutPoint(text, maxLength);
        StringBuilder out = null;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean bad = isForbiddenControl(c) || Character.isSurrogate(c);
            if (bad && out == null) {
                out = new StringBuilder(end).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? REPLACEMENT : c);
            }
        }
        if (out != null) {
            return out.toString();
        }
        return end == text.length() ? text : text.substring(0, end);
    }

    /** Where to cut: at the limit, or one earlier when the limit falls inside a surrogate pair. */
    private static int cutPoint(String text, int maxLength) {
        int limit = Math.max(0, maxLength);
        if (text.length() <= limit) {
            return text.length();
        }
        if (limit > 0 && Character.isHighSurrogate(text.charAt(limit - 1)) && Character.isLowSurrogate(text.charAt(limit))) {
            return limit - 1;
        }
        return limit;
    }
}
