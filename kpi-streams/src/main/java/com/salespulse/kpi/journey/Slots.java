package com.salespulse.kpi.journey;

import com.salespulse.kpi.window.FixedWindow;
import com.salespulse.kpi.window.Windows;
import java.time.Duration;
import java.util.List;

/**
 * The finest grain bucket changes are counted in before they cross the repartition topic: every
 * window (UTC-aligned hours and days, calendar periods in any real time zone, whose offsets are
 * whole quarter hours) is a union of 15-minute slots, so the bucket stage can add a slot's change
 * to each window holding it.
 */
public final class Slots {
    public static final FixedWindow SLOT = new FixedWindow(Duration.ofMinutes(15));
    public static final Windows WINDOWS = new Windows(List.of(SLOT));

    private Slots() {
    }
}
