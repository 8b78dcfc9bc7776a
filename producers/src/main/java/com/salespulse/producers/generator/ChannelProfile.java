package com.salespulse.producers.generator;

import java.util.Map;

/**
 * How an acquisition channel behaves: its share of leads, how its leads come in (web form or
 * entered in the CRM by a rep), how readily they reply and say yes, the size of their deals, and
 * what the channel costs per day at 1,000 leads a day.
 */
record ChannelProfile(String name, double leadWeight, double webFormShare, double replyFactor, double positiveShare,
                      double dealSizeFactor, double dailySpendPerThousandLeads, int campaigns, double campaignShare) {

    private static final Map<String, ChannelProfile> KNOWN = Map.of(
            "organic", new ChannelProfile("organic", 0.30, 0.90, 0.95, 0.55, 1.00, 300, 1, 0.0),
            "paid", new ChannelProfile("paid", 0.25, 0.95, 0.80, 0.45, 0.90, 2_400, 3, 0.90),
            "referral", new ChannelProfile("referral", 0.10, 0.30, 1.40, 0.70, 1.30, 250, 1, 0.30),
            "outbound", new ChannelProfile("outbound", 0.20, 0.00, 0.60, 0.38, 1.10, 1_200, 2, 0.60),
            "event", new ChannelProfile("event", 0.15, 0.50, 1.15, 0.58, 1.20, 1_500, 2, 0.95));

    /** The profile of a known channel, or an average one for any other name. */
    static ChannelProfile of(final String name) {
        final ChannelProfile known = KNOWN.get(name);
        return known != null ? known : new ChannelProfile(name, 0.15, 0.5, 1.0, 0.5, 1.0, 800, 1, 0.5);
    }

    /** Campaign ids look like {@code paid-2}. */
    String campaignId(final int number) {
        return name + "-" + number;
    }
}
