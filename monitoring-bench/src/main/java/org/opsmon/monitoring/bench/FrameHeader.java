package org.opsmon.monitoring.bench;

/**
 * The start of a live frame, read without parsing the rest: {@code type}, {@code timestamp} and
 * {@code source} come first in every {@code monitoring_data} frame, and reading only them keeps the
 * receiving side of a thousand clients cheap enough to share the machine with the server it
 * measures. The second of {@code timestamp} is the snapshot's, which the bench chose, so together
 * with {@code source} it names the post the frame is about.
 */
record FrameHeader(String type, String source, long second) {

    /** Enough of a frame's start to hold its header whatever the source's name. */
    static final int PREFIX = 256;

    /** The header of a frame's first characters; null when they do not start a frame of that shape. */
    static FrameHeader read(CharSequence start) {
        String text = start.length() > PREFIX ? start.subSequence(0, PREFIX).toString() : start.toString();
        String type = string(text, "\"type\":\"");
        if (type == null) {
            return null;
        }
        if (!"monitoring_data".equals(type)) {
            return new FrameHeader(type, null, -1);
        }
        String source = string(text, "\"source\":\"");
        int at = text.indexOf("\"timestamp\":");
        if (source == null || at < 0) {
            return null;
        }
        long second = 0;
        int i = at + "\"timestamp\":".length();
        int digits = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            second = second * 10 + (text.charAt(i++) - '0');
            digits++;
        }
        return digits == 0 ? null : new FrameHeader(type, source, second);
    }

    boolean liveData() {
        return source != null;
    }

    private static String string(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        int end = text.indexOf('"', from);
        return end < 0 ? null : text.substring(from, end);
    }
}
