package org.opsmon.monitoring.devicelogs.entity;

import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * Text from the network made to follow the project's text rule. An API client that breaks the
 * rule is told so; a switch sending a trap or a syslog line cannot be, and its message is still
 * worth keeping. So what the rule forbids (control characters, unpaired surrogates) becomes
 * U+FFFD, visibly replaced rather than silently dropped, and text longer than its column is cut
 * at a character boundary with a trailing ellipsis.
 */
public final class DeviceText {

    static final char REPLACEMENT = '\uFFFD';
    static final char ELLIPSIS = '\u2026';

    private DeviceText() {
    }

    /** {@code text} conforming to the rule and at most {@code max} characters; null stays null. */
    public static String clean(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || TextRule.isForbiddenControl(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        if (out.length() <= max) {
            return out.toString();
        }
        int end = max - 1;
        if (Character.isLowSurrogate(out.charAt(end)) && Character.isHighSurrogate(out.charAt(end - 1))) {
            end--;
        } else if (Character.isHighSurrogate(out.charAt(end - 1))) {
            end--;
        }
        return out.substring(0, end) + ELLIPSIS;
    }
}
