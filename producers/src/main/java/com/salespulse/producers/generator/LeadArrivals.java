package com.salespulse.producers.generator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Inbound leads as a Poisson process whose rate follows office hours in each region's own time
 * zone: busy 09-17 on weekdays, a shoulder before and after, a trickle at night and over the
 * weekend. Sampled by thinning: candidates at the peak rate, each kept with the probability
 * current rate / peak rate.
 */
final class LeadArrivals {
    private static final double PEAK = 1.0;
    private static final double SHOULDER = 0.5;
    private static final double NIGHT = 0.12;
    private static final double WEEKEND_FACTOR = 0.3;
    private static final double SECONDS_PER_DAY = 86_400.0;
    private static final double MEAN_WEEKDAY_PROFILE = meanWeekdayProfile();

    private final List<RegionProfile> regions;
    private final List<ChannelProfile> channels;
    private final double[] regionShares;
    private final double[] channelWeights;
    private final double peakRatePerSecond;
    private final Rng rng;
    private Instant clock;

    LeadArrivals(final GeneratorConfig config, final Rng rng, final Instant from) {
        this.regions = config.regions().stream().map(RegionProfile::of).toList();
        this.channels = config.channels().stream().map(ChannelProfile::of).toList();
        this.regionShares = normalised(regions.stream().mapToDouble(RegionProfile::leadWeight).toArray());
        this.channelWeights = channels.stream().mapToDouble(ChannelProfile::leadWeight).toArray();
        // leadsPerDay is the mean over a weekday, so the peak rate is the mean rate scaled by peak / mean profile.
        this.peakRatePerSecond = config.leadsPerDay() / SECONDS_PER_DAY * PEAK / MEAN_WEEKDAY_PROFILE;
        this.rng = rng;
        this.clock = from;
    }

    /** The next lead, strictly after the previous one. */
    LeadArrival next(final long number) {
        final double[] rates = new double[regions.size()];
        while (true) {
            // Whole seconds, as a CRM records them; at least one second apart.
            clock = clock.plusSeconds(Math.max(1L, Math.round(rng.exponential(1.0 / peakRatePerSecond))));
            double total = 0;
            for (int i = 0; i < regions.size(); i++) {
                rates[i] = regionShares[i] * profile(clock.atZone(regions.get(i).buyerZone()));
                total += rates[i];
            }
            if (rng.unit() * PEAK < total) {
                final RegionProfile region = regions.get(rng.weighted(rates));
                final ChannelProfile channel = channels.get(rng.weighted(channelWeights));
                return new LeadArrival(number, clock, region, channel);
            }
        }
    }

    /** Relative arrival rate at a local time: 1 at the weekday peak. */
    static double profile(final ZonedDateTime local) {
        final int hour = local.getHour();
        final double byHour;
        if (hour >= 9 && hour < 17) {
            byHour = PEAK;
        } else if (hour >= 7 && hour < 20) {
            byHour = SHOULDER;
        } else {
            byHour = NIGHT;
        }
        final DayOfWeek day = local.getDayOfWeek();
        final boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return weekend ? byHour * WEEKEND_FACTOR : byHour;
    }

    private static double meanWeekdayProfile() {
        final ZonedDateTime monday = ZonedDateTime.parse("2026-11-02T00:00:00Z");
        double sum = 0;
        for (int hour = 0; hour < 24; hour++) {
            sum += profile(monday.plusHours(hour));
        }
        return sum / 24.0;
    }

    private static double[] normalised(final double[] weights) {
        double total = 0;
        for (final double weight : weights) {
            total += weight;
        }
        final double[] shares = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            shares[i] = weights[i] / total;
        }
        return shares;
    }
}
