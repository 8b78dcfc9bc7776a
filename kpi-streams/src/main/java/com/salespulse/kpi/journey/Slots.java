package com.salespulse.kpi.journey;

import com.salespulse.kpi.window.FixedWindow;
import com.salespulse.kpi.window.WindowSpec;
import com.salespulse.kpi.window.Windows;
import java.time.Duration;
import java.util.List;

/**
 * The finest grain bucket changes are counted in before they cross the repartition topic: every
 * window is a union of slots, so the bucket stage can add a slot's change to each window holding
 * it. A slot is as long as the windows allow ({@link WindowSpec#grain()}): an hour where the
 * organisation's zone keeps whole-hour offsets, as UTC-aligned hours and days do, shorter in zones
 * on half or quarter hours. The longer the slot, the more events share one buffered change.
 */
public final class Slots {

    private Slots() {
    }

    /** One window: slots of the longest length every boundary of {@code windows} falls on. */
    public static Windows of(final Windows windows) {
        long millis = 0;
        for (final WindowSpec window : windows.specs()) {
            millis = gcd(millis, window.grain().toMillis());
        }
        return new Windows(List.of(new FixedWindow(Duration.ofMillis(millis))));
    }

    private static long gcd(final long a, final long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
