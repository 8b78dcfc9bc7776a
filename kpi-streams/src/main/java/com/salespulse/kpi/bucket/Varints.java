package com.salespulse.kpi.bucket;

import java.nio.ByteBuffer;

/** Variable-length integers, 7 bits a byte, for the compact forms of bucket state and bucket changes. */
final class Varints {
    private Varints() {
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
