package com.salespulse.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The dead-letter topic: what is in it, and sending records back after a fix. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"Inspects the dead-letter topic and sends dead letters back for processing after a fix.",
                "Shows reasons, sources and details, never a record's key or value (they may hold personal data)."},
        subcommands = {DlqListCommand.class, DlqReplayCommand.class})
public final class DlqCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
