package org.opsmon.monitoring.platform.entity;

/**
 * The one rule for text a client sends: no control characters (U+0000–U+001F and
 * U+007F–U+009F) except TAB, and no unpaired UTF-16 surrogates. PostgreSQL refuses a NUL in
 * any text parameter (a database error, not an answer), its driver silently stores a lone
 * surrogate as {@code ?}, and control characters turn into escapes that make stored keys longer
 * than their column. Such text is therefore refused where it enters, with a message naming the
 * character and where it is, rather than repaired: the agent already sends conforming text, so
 * whatever breaks the rule comes from a client that should be told.
 */
public final class TextRule {

    /** Values that label a series (disk path, interface, device, GPU id, collector name). */
    public static final int MAX_LABEL = 256;
    /** Any other text a client sends that has no column of its own. */
    public static final int MAX_TEXT = 1024;

    private TextRule() {
    }

    /** True for the characters the rule forbids on their own (surrogates depend on their neighbour). */
    public static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
    }

    /**
     * What breaks the rule in {@code text}, e.g. {@code contains a control character (U+0000) at
     * position 3} (positions count UTF-16 units from 0); null when the text conforms or is null.
     */
    public static String violation(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (" + codePoint(c) + ") at position " + i;
            } else if (isForbiddenControl(c)) {
                return "contains a control character (" + codePoint(c) + ") at position " + i;
            }
        }
        return null;
    }

    /**
     * What is wrong with {@code text} as a value of at most {@code maxLength} characters (UTF-16
     * units, never fewer than the code points a column counts); null when nothing is.
     */
    public static String problem(String text, int maxLength) {
        if (text != null && text.length() > maxLength) {
            return "is longer than " + maxLength + " characters";
        }
        return violation(text);
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
