package com.salespulse.kpi.query;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a store partition lives: the instance running its active task (null while none does) and
 * those keeping standby replicas.
 */
record Placement(HostInfo active, List<HostInfo> standbys) {

    Placement {
        standbys = List.copyOf(standbys);
    }
}
