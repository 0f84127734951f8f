package dev.statebacked.cli;

import dev.statebacked.local.LocalStackException;
import dev.statebacked.local.StackFile;
import java.nio.file.Path;
import java.util.Optional;

/** The running local stack an operator command works on, or the one line that says why there is none. */
final class LocalStackFile {
    private LocalStackFile() {}

    static Optional<StackFile> find(Path dataDir, String command, String deploymentOptions) {
        Optional<StackFile> stack;
        try {
            stack = StackFile.read(dataDir);
        } catch (LocalStackException e) {
            System.err.println("statebacked " + command + ": " + e.getMessage());
            return Optional.empty();
        }
        if (stack.isEmpty()) {
            System.err.println("statebacked " + command + ": no running local stack in " + dataDir
                    + " (no stack.json); start one with ./statebacked local or pass " + deploymentOptions);
        }
        return stack;
    }
}
