package com.salespulse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ImportCommandTest {

    @Test
    void shouldDocumentFormatsProfilesAndResumeWhenAskedForHelp() {
        // When the import command's usage is rendered
        final String usage = new CommandLine(new ImportCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);

        // Then it names the options and the column mappings a user needs
        assertThat(usage).contains("--format", "--profile", "--resume", "--progress", "--checkpoint-every", "--zone",
                "Record ID|Contact ID -> leadId", "Lead ID -> leadId", ".import-state");
    }
}
