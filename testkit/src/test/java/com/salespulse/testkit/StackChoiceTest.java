package com.salespulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class StackChoiceTest {

    @Test
    void shouldChooseContainersWhenDockerIsAvailableAndNothingIsForced() {
        assertThat(StackChoice.choose(null, () -> true).containers()).isTrue();
        assertThat(StackChoice.choose(" auto ", () -> true).containers()).isTrue();
    }

    @Test
    void shouldChooseEmbeddedWhenDockerIsMissingAndNothingIsForced() {
        assertThat(StackChoice.choose("", () -> false).containers()).isFalse();
    }

    @Test
    void shouldNotAskDockerWhenStackIsForced() {
        // Given a Docker probe that counts its calls
        final AtomicInteger probes = new AtomicInteger();
        final BooleanSupplier docker = () -> probes.incrementAndGet() > 0;

        // When each stack is forced
        final StackChoice embedded = StackChoice.choose("embedded", docker);
        final StackChoice containers = StackChoice.choose("CONTAINERS", docker);

        // Then each is chosen and Docker was never probed
        assertThat(embedded.containers()).isFalse();
        assertThat(containers.containers()).isTrue();
        assertThat(probes).hasValue(0);
    }

    @Test
    void shouldRefuseUnknownStackWhenPropertyIsMistyped() {
        assertThatThrownBy(() -> StackChoice.choose("embeded", () -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("embeded")
                .hasMessageContaining("embedded, containers or auto");
    }
}
