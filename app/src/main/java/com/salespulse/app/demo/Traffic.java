package com.salespulse.app.demo;

import com.salespulse.app.Cluster;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.LiveTraffic;
import com.salespulse.producers.importer.RosterImporter;
import java.time.Instant;

/** Live synthetic traffic: the simulated floor's roster on sales.reps, then its events as they fall due. */
public final class Traffic {

    private Traffic() {
    }

    /** A floor starting now, with a seed of its own so that every run brings new leads. */
    public static GeneratorConfig live(final int leadsPerDay) {
        return GeneratorConfig.of(System.currentTimeMillis(), Integer.MAX_VALUE)
                .withStart(Instant.now()).withLeadsPerDay(leadsPerDay);
    }

    /** Publishes the roster and starts the traffic; the caller closes it. */
    public static LiveTraffic start(final Cluster cluster, final GeneratorConfig floor, final double speed) {
        try (RosterImporter roster = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
            roster.publish(new CrmGenerator(floor).roster());
        }
        return new LiveTraffic(floor, cluster.topics().crmEvents(), cluster.clientConfig(), speed).start();
    }
}
