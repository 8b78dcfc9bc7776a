package com.salespulse.kpi.bucket;

import com.salespulse.kpi.catalog.Kpi;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The compact binary form of a {@link Bucket} in bucket-store, read and written for every bucket
 * change. Layout: a format byte, the number of non-zero totals and each as (measure ordinal, zig-zag
 * varint), then the number of published KPIs and each as (the 32-bit hash of its name, varint
 * revision); then, only while changes are pending, a byte saying whether an earliest event time
 * follows, that time (zig-zag varint), and the totals as last published, in the form of the totals.
 *
 * <p>Across versions: measures are stored by ordinal, and new measures are only ever appended to
 * {@link Measure} (a test freezes the order), so a total written by an older version is read into
 * the same measure, and one of a measure this version does not know is ignored. Revisions are
 * stored by name hash, so KPIs may be added, removed or reordered in the catalog. Buckets written
 * by versions before this form (Avro single-object encoding of {@link BucketState}) are still read.
 */
public final class BucketSerde implements Serde<Bucket> {
    private static final byte FORMAT = 1;
    private static final byte AVRO_MARKER = (byte) 0xC3;
    private static final byte PENDING = 1;
    private static final byte PENDING_SINCE = 2;
    private static final List<Kpi> CATALOG = KpiCatalog.all();
    private static final int[] NAME_HASHES = new int[CATALOG.size()];
    private static final Map<Integer, Integer> INDEX_BY_HASH = new HashMap<>();

    static {
        for (int index = 0; index < CATALOG.size(); index++) {
            NAME_HASHES[index] = nameHash(CATALOG.get(index).name());
            if (INDEX_BY_HASH.put(NAME_HASHES[index], index) != null) {
                throw new IllegalStateException("two KPI names share a hash; rename one: " + CATALOG.get(index).name());
            }
        }
    }

    private final InternalAvroSerde<BucketState> legacy = new InternalAvroSerde<>(BucketState.class);

    @Override
    public Serializer<Bucket> serializer() {
        return (topic, bucket) -> bucket == null ? null : write(bucket);
    }

    @Override
    public Deserializer<Bucket> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(final Bucket bucket) {
        final long[] revisions = bucket.revisions();
        final ByteBuffer out = Varints.scratch();
        out.put(FORMAT);
        putTotals(out, bucket.totals());
        int published = 0;
        for (final long revision : revisions) {
            published += revision == 0 ? 0 : 1;
        }
        Varints.putUnsigned(out, published);
        for (int index = 0; index < revisions.length; index++) {
            if (revisions[index] != 0) {
                out.putInt(NAME_HASHES[index]);
                Varints.putUnsigned(out, revisions[index]);
            }
        }
        if (bucket.isPending()) {
            out.put(bucket.earliestEventAt() == null ? PENDING : PENDING_SINCE);
            if (bucket.earliestEventAt() != null) {
                Varints.putSigned(out, bucket.earliestEventAt());
            }
            putTotals(out, bucket.publishedTotals());
        }
        return Varints.bytes(out);
    }

    private static void putTotals(final ByteBuffer out, final Measures totals) {
        int nonZero = 0;
        for (int ordinal = 0; ordinal < Measure.count(); ordinal++) {
            nonZero += totals.get(Measure.byOrdinal(ordinal)) == 0 ? 0 : 1;
        }
        Varints.putUnsigned(out, nonZero);
        for (int ordinal = 0; ordinal < Measure.count(); ordinal++) {
            final long total = totals.get(Measure.byOrdinal(ordinal));
            if (total != 0) {
                Varints.putUnsigned(out, ordinal);
                Varints.putSigned(out, total);
            }
        }
    }

    private static Measures getTotals(final ByteBuffer in) {
        final Measures totals = new Measures();
        for (long remaining = Varints.getUnsigned(in); remaining > 0; remaining--) {
            final int ordinal = (int) Varints.getUnsigned(in);
            final long total = Varints.getSigned(in);
            if (ordinal < Measure.count()) {
                totals.add(Measure.byOrdinal(ordinal), total);
            }
        }
        return totals;
    }

    private Bucket read(final byte[] bytes) {
        if (bytes.length > 1 && bytes[0] == AVRO_MARKER) {
            return fromLegacy(legacy.deserializer().deserialize(null, bytes));
        }
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            throw new SerializationException("not a bucket written by this version (format byte "
                    + (bytes.length == 0 ? "missing" : Byte.toString(bytes[0])) + ")");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final Measures totals = getTotals(in);
        final long[] revisions = new long[CATALOG.size()];
        for (long remaining = Varints.getUnsigned(in); remaining > 0; remaining--) {
            final Integer index = INDEX_BY_HASH.get(in.getInt());
            final long revision = Varints.getUnsigned(in);
            if (index != null) {
                revisions[index] = revision;
            }
        }
        final Bucket bucket = new Bucket(totals, revisions);
        if (in.hasRemaining()) {
            final Long earliest = in.get() == PENDING_SINCE ? Varints.getSigned(in) : null;
            bucket.pending(getTotals(in), earliest);
        }
        return bucket;
    }

    private static Bucket fromLegacy(final BucketState state) {
        final long[] revisions = new long[CATALOG.size()];
        for (final Map.Entry<String, Long> revision : state.getRevisions().entrySet()) {
            final Integer index = INDEX_BY_HASH.get(nameHash(revision.getKey()));
            if (index != null) {
                revisions[index] = revision.getValue();
            }
        }
        return new Bucket(Measures.fromMap(state.getTotals()), revisions);
    }

    /** FNV-1a over the name's UTF-8 bytes, spelled out here because stored hashes must never change. */
    private static int nameHash(final String name) {
        int hash = 0x811C9DC5;
        for (final byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x01000193;
        }
        return hash;
    }
}
