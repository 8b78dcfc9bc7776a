package com.salespulse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void shouldDescribeHistoryLengthsInHoursAndMinutesWhenPrintingTheProgressLine() {
        // When lengths of history are described
        // Then whole hours, hours and minutes, minutes, and seconds read as a person would write them
        assertThat(DemoCommand.describe(Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(DemoCommand.describe(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(DemoCommand.describe(Duration.ofMinutes(37).plusSeconds(20))).isEqualTo("37 min");
        assertThat(DemoCommand.describe(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(DemoCommand.describe(Duration.ofMillis(300))).isEqualTo("1 s");
    }
}
