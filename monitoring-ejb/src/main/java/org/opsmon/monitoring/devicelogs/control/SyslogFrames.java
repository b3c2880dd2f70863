package org.opsmon.monitoring.devicelogs.control;

import java.io.ByteArrayOutputStream;

/**
 * Splits a syslog TCP stream into messages (RFC 6587), one instance per connection. A frame that
 * starts with a digit is octet-counted ({@code LEN SP MSG}); any other is non-transparent, ended
 * by LF (a CR before it is dropped). Each frame may choose its own method, as RFC 6587 §3.4
 * allows senders to. A message longer than the limit is skipped and reported, never buffered: an
 * octet-counted one by counting its bytes away, a line-framed one up to its LF. A count that is
 * not a number cannot be resynchronised, so the connection must end: {@link #feed} says so.
 * Not thread-safe: a connection is read by one thread.
 */
public final class SyslogFrames {

    /** Where frames go. */
    public interface Sink {
        void message(byte[] message);

        /** A message above the size limit was skipped. */
        void tooLarge();
    }

    /** The longest length prefix accepted: enough digits for any limit that fits an int. */
    private static final int MAX_COUNT_DIGITS = 9;

    private enum State { START, COUNT, COUNTED, LINE, SKIP_COUNTED, SKIP_LINE }

    private final int maxMessage;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private State state = State.START;
    private long count;
    private int countDigits;

    public SyslogFrames(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    /**
     * Feeds bytes read from the connection.
     *
     * @return false when the stream broke the framing and the connection should be closed
     */
    public boolean feed(byte[] bytes, int offset, int length, Sink sink) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            switch (state) {
                case START -> {
                    if (b >= '1' && b <= '9') {
                        state = State.COUNT;
                        count = b - '0';
                        countDigits = 1;
                    } else if (b == '\n' || b == '\r') {
                        // Stray line ends between frames are not messages.
                    } else {
                        state = State.LINE;
                        current.write(b);
                    }
                }
                case COUNT -> {
                    if (b >= '0' && b <= '9' && countDigits < MAX_COUNT_DIGITS) {
                        count = count * 10 + (b - '0');
                        countDigits++;
                    } else if (b == ' ') {
                        state = count > maxMessage ? State.SKIP_COUNTED : State.COUNTED;
                        if (state == State.SKIP_COUNTED) {
                            sink.tooLarge();
                        }
                    } else {
                        return false;
                    }
                }
                case COUNTED -> {
                    current.write(b);
                    if (--count == 0) {
                        emit(sink);
                    }
                }
                case SKIP_COUNTED -> {
                    if (--count == 0) {
                        state = State.START;
                    }
                }
                case LINE -> {
                    if (b == '\n') {
                        emit(sink);
                    } else if (current.size() >= maxMessage) {
                        current.reset();
                        state = State.SKIP_LINE;
                        sink.tooLarge();
                    } else {
                        current.write(b);
                    }
                }
                case SKIP_LINE -> {
                    if (b == '\n') {
                        state = State.START;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return true;
    }

    /** At the end of the stream: a last line without its LF is still a message. */
    public void end(Sink sink) {
        if (state == State.LINE && current.size() > 0) {
            emit(sink);
        }
    }

    private void emit(Sink sink) {
        byte[] message = current.toByteArray();
        current.reset();
        state = State.START;
        int length = message.length;
        if (length > 0 && message[length - 1] == '\r') {
            message = java.util.Arrays.copyOf(message, length - 1);
        }
        if (message.length > 0) {
            sink.message(message);
        }
    }
}
