package com.salespulse.producers.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One CAMPAIGN_SPEND per channel and UTC day, at midnight, sized by the channel's cost at the
 * configured lead volume. Each day draws from its own stream, so a day's spend is the same
 * however the simulation is cut into chunks.
 */
final class CampaignSpend {
    private static final long SPEND_STREAM = 4;

    private final GeneratorConfig config;
    private final List<ChannelProfile> channels;

    CampaignSpend(final GeneratorConfig config) {
        this.config = config;
        this.channels = config.channels().stream().map(ChannelProfile::of).toList();
    }

    /** Spend of every UTC day that starts in {@code [from, until)}. */
    void addDays(final Instant from, final Instant until, final List<Scheduled> timeline) {
        Instant day = from.truncatedTo(ChronoUnit.DAYS);
        if (day.isBefore(from)) {
            day = day.plus(Duration.ofDays(1));
        }
        for (; day.isBefore(until); day = day.plus(Duration.ofDays(1))) {
            addDay(day, timeline);
        }
    }

    private void addDay(final Instant midnight, final List<Scheduled> timeline) {
        final Rng rng = Rng.of(config.seed(), SPEND_STREAM, midnight.getEpochSecond() / 86_400);
        final DayOfWeek weekday = midnight.atOffset(ZoneOffset.UTC).getDayOfWeek();
        final double weekFactor = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 0.5 : 1.0;
        final double volume = config.leadsPerDay() / 1000.0;
        for (int i = 0; i < channels.size(); i++) {
            final ChannelProfile channel = channels.get(i);
            final double spend = channel.dailySpendPerThousandLeads() * volume * weekFactor * rng.uniform(0.7, 1.3);
            final BigDecimal amount = BigDecimal.valueOf(spend).setScale(2, RoundingMode.HALF_UP).setScale(4);
            final String campaign = channel.campaigns() == 1 && channel.campaignShare() > 0 ? channel.campaignId(1) : null;
            // Negative lanes put spend before any lead event of the same millisecond, in channel order.
            timeline.add(new Scheduled(midnight, i - channels.size(), 0,
                    LeadEvents.campaignSpend(midnight, channel.name(), campaign, amount)));
        }
    }
}
