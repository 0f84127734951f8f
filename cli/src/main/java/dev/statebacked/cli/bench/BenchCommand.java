package dev.statebacked.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `statebacked bench ...`: a group, so other benchmarks (e.g. `bench events`) can be added as subcommands. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks.",
        subcommands = {
            EngineBenchCommand.class,
            EventsBenchCommand.class,
            TimersBenchCommand.class,
            ColdBenchCommand.class,
            RealtimeBenchCommand.class
        })
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
