package org.opsmon.monitoring.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Empties the embedded run's data directory first, so every run starts like a first install. */
public class FreshDataDirectory implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path dir = Path.of(System.getProperty("it.data.dir"), "embedded");
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
