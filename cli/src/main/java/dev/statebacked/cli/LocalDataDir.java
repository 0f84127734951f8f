package dev.statebacked.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: which running local stack an operator command works on. */
final class LocalDataDir {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = ".statebacked",
            description = "Data directory of the running local stack (default: ${DEFAULT-VALUE})")
    Path path;
}
