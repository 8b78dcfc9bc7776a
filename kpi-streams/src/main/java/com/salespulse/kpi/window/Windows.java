package com.salespulse.kpi.window;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The windows every KPI is published in. */
public record Windows(List<WindowSpec> specs) {

    /** PT1H and P1D. */
    public static Windows defaults() {
        return new Windows(List.of(FixedWindow.HOUR, FixedWindow.DAY));
    }

    /** Looks a window up by its published name. */
    public WindowSpec byName(final String name) {
        final Map<String, WindowSpec> byName = specs.stream().collect(Collectors.toMap(WindowSpec::name, Function.identity()));
        final WindowSpec spec = byName.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown window " + name + "; known: " + byName.keySet());
        }
        return spec;
    }
}
