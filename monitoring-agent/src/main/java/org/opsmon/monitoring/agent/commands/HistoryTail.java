package org.opsmon.monitoring.agent.commands;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.spool.AtomicFiles;
import org.opsmon.monitoring.agent.text.TextRule;

/**
 * Follows shell history files like {@code tail -F}: remembers (inode, offset) per file in the
 * state directory so a restart continues where it stopped instead of resending. A new inode or a
 * file shorter than the offset means rotation or truncation, so reading restarts at zero. Only
 * complete lines are consumed; a half-written last line waits for the next run. On the very
 * first run (no state yet) existing history is skipped: years of old commands are not news.
 *
 * <p>A history file is written by its user, so it is hostile input. Memory per poll is bounded
 * twice: a byte window per file and a byte budget per poll, and no more events than the caller has
 * room for; what is left stays on disk for the next poll rather than being dropped. The offset
 * of each file is saved as soon as that file is done, so a crash cannot replay a large backlog
 * over and over. A file is read only if it is a regular file owned by the home directory's owner
 * and is still that same file once opened ({@link OwnedFile}); anything else is skipped and
 * logged once, by name only.
 */
final class HistoryTail {

    private static final Logger LOG = Logger.getLogger(HistoryTail.class.getName());
    private static final String[] FILES = {".bash_history", ".zsh_history"};
    /** At most this much of one file is held per poll: far more than one command, small for a 32 MiB heap. */
    static final int FILE_WINDOW = 64 * 1024;
    /** At most this much history is read per poll, all files together. */
    static final int POLL_BUDGET = 256 * 1024;
    /** Only the head of a line can survive the command limit, so no more is decoded (UTF-8: ≤ 4 bytes a character). */
    private static final int MAX_LINE_BYTES = TextRule.MAX_COMMAND * 4 + 4;

    private final List<Path> homeParents;
    private final List<Path> extraHomes;
    private final Path stateFile;
    private final Map<String, FileState> offsets = new TreeMap<>();
    private final Set<String> refused = new HashSet<>();
    private boolean baseline;
    /** Set when an offset moved, so only real progress costs a state-file write. */
    private boolean dirty;
    /** The file a poll stopped at for lack of room: the next poll starts there, so no home is starved. */
    private String resumeAt;

    /** Where reading a file stands; {@code skipping} is true inside a line too long to hold, until its end. */
    private static final class FileState {
        long inode;
        long offset;
        boolean skipping;

        FileState(long inode, long offset, boolean skipping) {
            this.inode = inode;
            this.offset = offset;
            this.skipping = skipping;
        }
    }

    /**
     * @param homeParents directories whose children are home directories (e.g. /home)
     * @param extraHomes  home directories listed directly (e.g. /root)
     * @param stateFile   where offsets persist; null keeps them in memory only
     */
    HistoryTail(List<Path> homeParents, List<Path> extraHomes, Path stateFile) {
        this.homeParents = List.copyOf(homeParents);
        this.extraHomes = List.copyOf(extraHomes);
        this.stateFile = stateFile;
        this.baseline = !load();
    }

    private boolean load() {
        if (stateFile == null || !Files.exists(stateFile)) {
            return false;
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(Files.readString(stateFile, StandardCharsets.ISO_8859_1))) {
            p.load(r);
        } catch (IOException e) {
            return false;
        }
        for (String k : p.stringPropertyNames()) {
            String[] v = p.getProperty(k).split(":");
            try {
                if (v.length == 2 || v.length == 3) {
                    offsets.put(k, new FileState(Long.parseLong(v[0]), Long.parseLong(v[1]), v.length == 3 && v[2].equals("skip")));
                }
            } catch (NumberFormatException e) {
                // A damaged entry only means that file is read from its start again.
            }
        }
        return true;
    }

    /** Listed on every run so that accounts created while the agent runs are followed too. */
    private List<Path> homes() {
        List<Path> homes = new ArrayList<>(extraHomes);
        for (Path parent : homeParents) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                ds.forEach(homes::add);
            } catch (IOException e) {
                // No /home (minimal containers) is fine.
            }
        }
        return homes;
    }

    /** New commands, at most {@code room} of them; the rest waits in the files for the next poll. */
    List<CommandEvent> poll(int room, long now) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path home : homes()) {
            for (String name : FILES) {
                files.add(home.resolve(name));
            }
        }
        files.sort(null);
        int start = 0;
        for (int i = 0; resumeAt != null && i < files.size(); i++) {
            if (files.get(i).toString().equals(resumeAt)) {
                start = i;
            }
        }
        resumeAt = null;
        List<CommandEvent> out = new ArrayList<>();
        long budget = POLL_BUDGET;
        for (int n = 0; n < files.size(); n++) {
            Path file = files.get((start + n) % files.size());
            if (!baseline && (out.size() >= room || budget < FILE_WINDOW)) {
                resumeAt = file.toString();
                break;
            }
            budget -= follow(file, out, room, now);
            if (dirty) {
                save();
                dirty = false;
            }
        }
        if (baseline) {
            save();
        }
        baseline = false;
        return out;
    }

    /** Reads what is new in one file, at most one window of it; returns the bytes read. */
    private int follow(Path file, List<CommandEvent> out, int room, long now) throws IOException {
        String key = file.toString();
        OwnedFile.Identity seen;
        UserPrincipal owner;
        try {
            seen = OwnedFile.Identity.of(file, LinkOption.NOFOLLOW_LINKS);
            if (seen == null || !Files.isReadable(file)) {
                return 0;
            }
            owner = Files.getOwner(file.getParent());
            int homeUid = ((Number) Files.getAttribute(file.getParent(), "unix:uid")).intValue();
            if (seen.uid() != homeUid) {
                throw new OwnedFile.Refused("is not owned by the owner of its home directory");
            }
        } catch (OwnedFile.Refused e) {
            refuse(key, e);
            return 0;
        }
        FileState state = offsets.get(key);
        if (state == null) {
            state = new FileState(seen.inode(), baseline ? seen.size() : 0, false);
            offsets.put(key, state);
            dirty = true;
            if (baseline) {
                return 0;
            }
        }
        if (state.inode != seen.inode() || seen.size() < state.offset) {
            state.inode = seen.inode();
            state.offset = 0;
            state.skipping = false;
            dirty = true;
        }
        if (seen.size() == state.offset || room <= out.size()) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(FILE_WINDOW, seen.size() - state.offset));
        try (FileChannel ch = OwnedFile.open(file, seen)) {
            while (buf.hasRemaining() && ch.read(buf, state.offset + buf.position()) > 0) {
                // Keep reading until the window is full or the file ends.
            }
        } catch (OwnedFile.Refused e) {
            refuse(key, e);
            return 0;
        }
        if (refused.remove(key)) {
            LOG.info(() -> "shell history " + key + " is readable again");
        }
        int len = buf.position();
        byte[] data = buf.array();
        int from = 0;
        if (state.skipping) {
            int nl = indexOf(data, 0, len, (byte) '\n');
            if (nl < 0) {
                state.offset += len;
                dirty = true;
                return len;
            }
            from = nl + 1;
            state.skipping = false;
        }
        int consumed = parse(data, from, len, owner.getName(), now, room, out);
        if (consumed == from && out.size() < room && len == FILE_WINDOW) {
            // A full window with nothing to consume ends in one line longer than the window (perhaps
            // after a timestamp): its head is the command, the rest of it is passed over.
            int head = lastIndexOf(data, from, len, (byte) '\n') + 1;
            out.add(new CommandEvent(owner.getName(), decode(data, Math.max(head, from), len), now, 0, "history"));
            consumed = len;
            state.skipping = true;
        }
        if (consumed > 0) {
            state.offset += consumed;
            dirty = true;
        }
        return len;
    }

    private void refuse(String key, IOException reason) {
        if (refused.add(key)) {
            LOG.warning(() -> "shell history " + key + " skipped: it " + reason.getMessage());
        }
    }

    /**
     * Turns the complete lines of {@code data[from, len)} into events, at most {@code room} in
     * {@code out}, and returns where the consumed part ends. bash writes "#EPOCH" before a line
     * when HISTTIMEFORMAT is set, so such a line is only consumed together with its command;
     * zsh's extended form is ": EPOCH:DUR;cmd".
     */
    static int parse(byte[] data, int from, int len, String user, long now, int room, List<CommandEvent> out) {
        int consumed = from;
        long pendingTime = -1;
        int lineStart = from;
        while (lineStart < len) {
            int nl = indexOf(data, lineStart, len, (byte) '\n');
            if (nl < 0) {
                break;
            }
            String line = decode(data, lineStart, nl);
            int next = nl + 1;
            if (line.length() > 1 && line.charAt(0) == '#' && isDigits(line, 1, line.length())) {
                // An earlier timestamp without a command is dropped with everything before this one.
                consumed = lineStart;
                pendingTime = Long.parseLong(line.substring(1));
            } else if (line.isBlank()) {
                if (pendingTime < 0) {
                    consumed = next;
                }
            } else {
                if (out.size() >= room) {
                    break;
                }
                long at = pendingTime > 0 ? pendingTime : now;
                String command = line;
                if (line.startsWith(": ")) {
                    int colon = line.indexOf(':', 2);
                    int semi = line.indexOf(';');
                    if (colon > 2 && semi > colon && isDigits(line, 2, colon)) {
                        at = Long.parseLong(line.substring(2, colon));
                        command = line.substring(semi + 1);
                    }
                }
                pendingTime = -1;
                if (!command.isBlank()) {
                    out.add(new CommandEvent(user, command, at, 0, "history"));
                }
                consumed = next;
            }
            lineStart = next;
        }
        return consumed;
    }

    private static String decode(byte[] data, int from, int to) {
        return new String(data, from, Math.min(to - from, MAX_LINE_BYTES), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] data, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, int from, int to, byte b) {
        for (int i = to - 1; i >= from; i--) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigits(String s, int from, int to) {
        if (to <= from || to - from > 12) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void save() throws IOException {
        if (stateFile == null) {
            return;
        }
        StringBuilder sb = new StringBuilder("# shell history offsets: path=inode:offset[:skip]\n");
        for (Map.Entry<String, FileState> e : offsets.entrySet()) {
            FileState s = e.getValue();
            sb.append(escapeKey(e.getKey())).append('=').append(s.inode).append(':').append(s.offset)
                    .append(s.skipping ? ":skip" : "").append('\n');
        }
        AtomicFiles.write(stateFile, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String escapeKey(String k) {
        StringBuilder sb = new StringBuilder();
        for (char c : k.toCharArray()) {
            if (c == ':' || c == '=' || c == ' ' || c == '\\' || c == '#' || c == '!') {
                sb.append('\\');
            }
            if (c > 0x7e || c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
