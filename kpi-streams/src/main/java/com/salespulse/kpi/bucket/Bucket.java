package com.salespulse.kpi.bucket;

import com.salespulse.kpi.catalog.Kpi;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.catalog.Measures;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One bucket as bucket-store holds it: the totals of every measure, per KPI of the catalog the
 * revision of its last published change (0 while it was never published), and, while the bucket
 * has changes not yet published, its totals as last published and the earliest event time of the
 * changes since. Kept in one value, so the totals and what is left to publish are committed
 * together. Mutable: the bucket stage reads a bucket, changes it and writes it back;
 * {@link BucketSerde} stores it compactly.
 */
public final class Bucket {
    private static final List<Kpi> CATALOG = KpiCatalog.all();

    private final Measures totals;
    private final long[] revisions;
    /** The totals as last published while changes are pending; null when nothing is. */
    private Measures published;
    private Long earliestEventAt;

    /** A bucket that holds nothing yet. */
    public Bucket() {
        this(new Measures(), new long[CATALOG.size()]);
    }

    /** A bucket with these totals where nothing was published yet. */
    public static Bucket of(final Measures totals) {
        return new Bucket(totals.copy(), new long[CATALOG.size()]);
    }

    /**
     * @param totals    the measure totals
     * @param revisions by position in {@link KpiCatalog#all()}
     */
    Bucket(final Measures totals, final long[] revisions) {
        if (revisions.length != CATALOG.size()) {
            throw new IllegalArgumentException("one revision per KPI of the catalog expected, got " + revisions.length);
        }
        this.totals = totals;
        this.revisions = revisions;
    }

    public Measures totals() {
        return totals;
    }

    /** Whether the bucket changed since its KPIs were last published. */
    public boolean isPending() {
        return published != null;
    }

    /** The totals as last published: {@link #totals()} when nothing is pending. */
    public Measures publishedTotals() {
        return published == null ? totals : published;
    }

    /** The earliest occurredAt of the events whose changes are pending, or null. */
    public Long earliestEventAt() {
        return earliestEventAt;
    }

    /**
     * Notes a change: the first since the last publication keeps {@code before} as the published totals.
     *
     * @param before   the totals before this change
     * @param earliest the earliest occurredAt of the events the change reflects, or null
     */
    void changed(final Measures before, final Long earliest) {
        if (published == null) {
            published = before;
            earliestEventAt = earliest;
        } else if (earliest != null && (earliestEventAt == null || earliest < earliestEventAt)) {
            earliestEventAt = earliest;
        }
    }

    /** Everything pending was published. */
    void published() {
        published = null;
        earliestEventAt = null;
    }

    /** Restores the pending state read from the store. */
    void pending(final Measures publishedTotals, final Long earliest) {
        published = publishedTotals;
        earliestEventAt = earliest;
    }

    /** The revision of the last change published for the KPI at this position of the catalog; 0 if none was. */
    public long revision(final int kpiIndex) {
        return revisions[kpiIndex];
    }

    /** Counts one more published change of the KPI at this position of the catalog and returns its revision. */
    long nextRevision(final int kpiIndex) {
        return ++revisions[kpiIndex];
    }

    /** KPI name to the revision of its last published change, for the KPIs ever published here. */
    public Map<String, Long> revisionsByName() {
        final Map<String, Long> byName = new HashMap<>();
        for (int index = 0; index < revisions.length; index++) {
            if (revisions[index] != 0) {
                byName.put(CATALOG.get(index).name(), revisions[index]);
            }
        }
        return byName;
    }

    long[] revisions() {
        return revisions;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Bucket bucket && totals.equals(bucket.totals) && Arrays.equals(revisions, bucket.revisions)
                && Objects.equals(published, bucket.published) && Objects.equals(earliestEventAt, bucket.earliestEventAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(totals, Arrays.hashCode(revisions), published, earliestEventAt);
    }

    @Override
    public String toString() {
        return "Bucket" + totals + revisionsByName() + (published == null ? "" : " published " + published);
    }
}
