package org.opsmon.monitoring.agent.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** uid → account name from /etc/passwd, re-read only when an unknown uid shows up (new account). */
final class UserNames {

    private final Path passwd;
    private Map<Integer, String> names = Map.of();

    UserNames(Path passwd) {
        this.passwd = passwd;
    }

    String nameOf(int uid) {
        String n = names.get(uid);
        if (n == null) {
            reload();
            n = names.get(uid);
        }
        return n != null ? n : Integer.toString(uid);
    }

    private void reload() {
        Map<Integer, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":");
                if (f.length > 2) {
                    try {
                        m.put(Integer.parseInt(f[2]), f[0]);
                    } catch (NumberFormatException e) {
                        // Comment or malformed entry.
                    }
                }
            }
        } catch (IOException e) {
            // Without /etc/passwd numeric uids are still meaningful to an operator.
        }
        names = m;
    }
}
