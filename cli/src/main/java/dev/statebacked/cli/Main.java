package dev.statebacked.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "statebacked",
        mixinStandardHelpOptions = true,
        description = "Self-hosted State Backed: run machines locally, manage them, benchmark them.",
        subcommands = {
            LocalCommand.class,
            DlqCommand.class,
            OrgsCommand.class,
            dev.statebacked.cli.bench.BenchCommand.class
        })
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
