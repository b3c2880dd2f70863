package org.opsmon.monitoring.live.control;

/**
 * Gathers the text of one incoming message from the parts the container hands over, keeping at
 * most the limit in memory. A message over the limit is read to its end and thrown away, and the
 * client is told; its session goes on, because an oversized request is a client's mistake to
 * answer, not a reason to cut its live view.
 */
final class RequestText {

    /** The message ended over the limit; it says how large it was. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long bytes, int limit) {
            super("The frame has " + bytes + " bytes, more than the " + limit
                    + " a request may have (monitoring.live.max.frame)", null, false, false);
        }
    }

    private final int maxBytes;
    private final StringBuilder text = new StringBuilder();
    private long bytes;

    RequestText(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Adds a part: null while the message goes on, its whole text at its last part. */
    String add(String part, boolean last) {
        bytes += utf8Length(part);
        if (bytes <= maxBytes) {
            text.append(part);
        } else {
            text.setLength(0);
        }
        if (!last) {
            return null;
        }
        long size = bytes;
        String whole = text.toString();
        text.setLength(0);
        bytes = 0;
        if (size > maxBytes) {
            throw new TooLarge(size, maxBytes);
        }
        return whole;
    }

    static long utf8Length(CharSequence text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
