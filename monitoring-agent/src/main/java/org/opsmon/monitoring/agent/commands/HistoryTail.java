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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.opsmon.monitoring.agent.spool.AtomicFiles;

/**
 * Follows shell history files like {@code tail -F}: remembers (inode, offset) per file in the
 * state directory so a restart continues where it stopped instead of resending. A new inode or a
 * file shorter than the offset means rotation or truncation, so reading restarts at zero. Only
 * complete lines are consumed; a half-written last line waits for the next run. On the very
 * first run (no state yet) existing history is skipped: years of old commands are not news.
 */
final class HistoryTail {

    private static final String[] FILES = {".bash_history", ".zsh_history"};
    /** Bounds memory and snapshot size when a huge file appears at once. */
    private static final int MAX_READ = 1 << 20;

    private final List<Path> homeParents;
    private final List<Path> extraHomes;
    private final Path stateFile;
    private final LongSupplier clock;
    private final Map<String, long[]> offsets = new TreeMap<>();
    private boolean baseline;

    /**
     * @param homeParents directories whose children are home directories (e.g. /home)
     * @param extraHomes  home directories listed directly (e.g. /root)
     * @param stateFile   where offsets persist; null keeps them in memory only
     */
    HistoryTail(List<Path> homeParents, List<Path> extraHomes, Path stateFile, LongSupplier epochSeconds) {
        this.homeParents = List.copyOf(homeParents);
        this.extraHomes = List.copyOf(extraHomes);
        this.stateFile = stateFile;
        this.clock = epochSeconds;
        this.baseline = !load();
    }

    private boolean load() {
        if (stateFile == null || !Files.exists(stateFile)) {
            return false;
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(Files.readString(stateFile))) {
            p.load(r);
        } catch (IOException e) {
            return false;
        }
        for (String k : p.stringPropertyNames()) {
            String[] v = p.getProperty(k).split(":");
            if (v.length == 2) {
                offsets.put(k, new long[] {Long.parseLong(v[0]), Long.parseLong(v[1])});
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

    List<CommandEvent> poll() throws IOException {
        List<CommandEvent> out = new ArrayList<>();
        boolean changed = false;
        for (Path home : homes()) {
            for (String name : FILES) {
                Path file = home.resolve(name);
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(file)) {
                    continue;
                }
                changed |= follow(file, out);
            }
        }
        if (changed || baseline) {
            save();
        }
        baseline = false;
        return out;
    }

    private boolean follow(Path file, List<CommandEvent> out) throws IOException {
        String key = file.toString();
        long inode = ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        long size = Files.size(file);
        long[] state = offsets.get(key);
        if (state == null) {
            state = new long[] {inode, baseline ? size : 0};
            offsets.put(key, state);
            if (baseline) {
                return true;
            }
        }
        if (state[0] != inode || size < state[1]) {
            state[0] = inode;
            state[1] = 0;
        }
        if (size == state[1]) {
            return false;
        }
        int want = (int) Math.min(MAX_READ, size - state[1]);
        ByteBuffer buf = ByteBuffer.allocate(want);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(state[1]);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // Keep reading until the window is full or the file ends.
            }
        }
        byte[] data = buf.array();
        int lastNewline = -1;
        for (int i = buf.position() - 1; i >= 0; i--) {
            if (data[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        if (lastNewline < 0) {
            // A single line longer than the window would block the file forever: skip it.
            if (buf.position() == MAX_READ) {
                state[1] += MAX_READ;
                return true;
            }
            return false;
        }
        String user = owner(file);
        parse(new String(data, 0, lastNewline, StandardCharsets.UTF_8), user, clock.getAsLong(), out);
        state[1] += lastNewline + 1;
        return true;
    }

    /** bash writes "#EPOCH" before a line when HISTTIMEFORMAT is set; zsh's extended form is ": EPOCH:DUR;cmd". */
    static void parse(String text, String user, long now, List<CommandEvent> out) {
        long pendingTime = -1;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > 1 && line.charAt(0) == '#' && isDigits(line, 1, line.length())) {
                pendingTime = Long.parseLong(line.substring(1));
                continue;
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
        }
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

    private static String owner(Path file) {
        try {
            return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            return file.getParent().getFileName().toString();
        }
    }

    private void save() throws IOException {
        if (stateFile == null) {
            return;
        }
        StringBuilder sb = new StringBuilder("# shell history offsets: path=inode:offset\n");
        for (Map.Entry<String, long[]> e : offsets.entrySet()) {
            sb.append(escapeKey(e.getKey())).append('=').append(e.getValue()[0]).append(':').append(e.getValue()[1]).append('\n');
        }
        AtomicFiles.write(stateFile, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String escapeKey(String k) {
        StringBuilder sb = new StringBuilder();
        for (char c : k.toCharArray()) {
            if (c == ':' || c == '=' || c == ' ' || c == '\\' || c == '#' || c == '!') {
                sb.append('\\');
            }
            if (c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
