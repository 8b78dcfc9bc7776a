package com.salespulse.kpi.query;

import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.bucket.Bucket;
import com.salespulse.kpi.catalog.Measures;
import java.util.Map;

/**
 * One bucket as read from bucket-store: its measure totals and the revisions of the KPIs published
 * for it. The form in which instances hand buckets to each other.
 *
 * @param key       the encoded {@link BucketKey}
 * @param totals    measure name to total
 * @param revisions KPI name to the revision of its last published change
 */
public record BucketSnapshot(String key, Map<String, Long> totals, Map<String, Long> revisions) {

    public BucketSnapshot {
        totals = Map.copyOf(totals);
        revisions = Map.copyOf(revisions);
    }

    static BucketSnapshot of(final String key, final Bucket bucket) {
        return new BucketSnapshot(key, bucket.totals().toMap(), bucket.revisionsByName());
    }

    public BucketKey bucket() {
        return BucketKey.decode(key);
    }

    public Measures measures() {
        return Measures.fromMap(totals);
    }
}
