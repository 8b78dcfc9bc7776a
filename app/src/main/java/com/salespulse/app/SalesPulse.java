package com.salespulse.app;

import com.salespulse.app.cli.BenchCommand;
import com.salespulse.app.cli.DemoCommand;
import com.salespulse.app.cli.DlqCommand;
import com.salespulse.app.cli.GenerateCommand;
import com.salespulse.app.cli.ImportCommand;
import com.salespulse.app.cli.KpisCommand;
import com.salespulse.app.cli.ReplayCommand;
import com.salespulse.app.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The salespulse command: live sales KPIs on Kafka Streams. */
@Command(name = "salespulse", mixinStandardHelpOptions = true, version = "SalesPulse 0.1.0",
        description = "Live sales KPIs on Kafka Streams.",
        subcommands = {DemoCommand.class, RunCommand.class, GenerateCommand.class, ImportCommand.class,
                ReplayCommand.class, DlqCommand.class, KpisCommand.class, BenchCommand.class})
public final class SalesPulse implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with SalesPulse's error handling: a clear message, no stack trace, exit code 1. */
    public static CommandLine commandLine() {
        final CommandLine commandLine = new CommandLine(new SalesPulse());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("salespulse " + line.getCommandName() + ": " + describe(exception));
            return 1;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static String describe(final Throwable exception) {
        final StringBuilder message = new StringBuilder(String.valueOf(exception.getMessage()));
        for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
