package com.salespulse.kpi.window;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The windows every KPI is published in, looked up by their published names. */
public final class Windows {
    private final List<WindowSpec> specs;
    private final Map<String, WindowSpec> byName;

    /** @throws IllegalArgumentException if two windows share a name, as their KPIs would be indistinguishable */
    public Windows(final List<WindowSpec> specs) {
        this.specs = List.copyOf(specs);
        final Map<String, WindowSpec> index = new LinkedHashMap<>();
        for (final WindowSpec spec : this.specs) {
            if (index.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("duplicate window " + spec.name());
            }
        }
        this.byName = index;
    }

    /** PT1H and P1D. */
    public static Windows defaults() {
        return new Windows(List.of(FixedWindow.HOUR, FixedWindow.DAY));
    }

    /** PT1H, P1D, then the calendar day, week, month and quarter in the organisation's time zone. */
    public static Windows all(final ZoneId orgZone) {
        return new Windows(List.of(FixedWindow.HOUR, FixedWindow.DAY, CalendarWindow.day(orgZone),
                CalendarWindow.week(orgZone), CalendarWindow.month(orgZone), CalendarWindow.quarter(orgZone)));
    }

    public List<WindowSpec> specs() {
        return specs;
    }

    /** Looks a window up by its published name. */
    public WindowSpec byName(final String name) {
        final WindowSpec spec = byName.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown window " + name + "; known: " + byName.keySet());
        }
        return spec;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Windows that && specs.equals(that.specs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(specs);
    }

    @Override
    public String toString() {
        return "Windows" + specs;
    }
}
