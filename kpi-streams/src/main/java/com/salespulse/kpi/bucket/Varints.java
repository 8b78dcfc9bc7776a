package com.salespulse.kpi.bucket;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Variable-length integers, 7 bits a byte, for the compact forms of bucket state and bucket changes. */
final class Varints {
    /** Larger than any bucket or delta: every measure and every KPI revision at the longest varint. */
    private static final int SCRATCH_BYTES = 16 * 1024;
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(SCRATCH_BYTES));

    private Varints() {
    }

    /** An empty buffer of this thread to write one value into before {@link #bytes}: one allocation a value, not two. */
    static ByteBuffer scratch() {
        return SCRATCH.get().clear();
    }

    /** What was written into {@code scratch} since {@link #scratch()}. */
    static byte[] bytes(final ByteBuffer scratch) {
        return Arrays.copyOf(scratch.array(), scratch.position());
    }

    /** A value of either sign, zig-zag encoded so that small negative numbers stay short. */
    static void putSigned(final ByteBuffer out, final long value) {
        putUnsigned(out, (value << 1) ^ (value >> 63));
    }

    static long getSigned(final ByteBuffer in) {
        final long zigZag = getUnsigned(in);
        return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    static void putUnsigned(final ByteBuffer out, final long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.put((byte) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.put((byte) rest);
    }

    static long getUnsigned(final ByteBuffer in) {
        long value = 0;
        int shift = 0;
        byte next;
        do {
            next = in.get();
            value |= (long) (next & 0x7F) << shift;
            shift += 7;
        } while ((next & 0x80) != 0);
        return value;
    }
}
