package com.salespulse.events.serde;

import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro's binary decoder over one record's bytes, refusing a string or bytes length longer than the
 * bytes that remain before anything is allocated. Avro's own decoder allocates whatever length a
 * record claims (up to 2 GB, its system limit) and only then finds the input too short, so five
 * corrupt bytes on a topic could take a pipeline thread out of memory. Everything else is Avro's.
 */
final class BoundedBinaryDecoder extends Decoder {
    private final BinaryDecoder in;
    /** The decoder's view of its input: over a byte array, {@code available()} is exactly what is left of it. */
    private final InputStream remaining;

    BoundedBinaryDecoder(final byte[] bytes, final int offset, final int length) {
        this.in = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
        this.remaining = in.inputStream();
    }

    /** True once every byte has been read. */
    boolean isEnd() throws IOException {
        return in.isEnd();
    }

    @Override
    public Utf8 readString(final Utf8 old) throws IOException {
        final int length = boundedLength("string");
        final Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        if (length > 0) {
            in.readFixed(result.getBytes(), 0, length);
        }
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public ByteBuffer readBytes(final ByteBuffer old) throws IOException {
        final int length = boundedLength("bytes");
        final ByteBuffer result;
        if (old != null && length <= old.capacity()) {
            result = old;
            result.clear();
        } else {
            result = ByteBuffer.allocate(length);
        }
        in.readFixed(result.array(), result.position(), length);
        result.limit(length);
        return result;
    }

    /** The length prefix of a string or bytes value, checked against the input that is left. */
    private int boundedLength(final String what) throws IOException {
        final long length = in.readLong();
        if (length < 0 || length > remaining.available()) {
            throw new InvalidRecordException(RejectReason.MALFORMED_AVRO,
                    "a " + what + " length runs past the end of the record");
        }
        return (int) length;
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(final byte[] bytes, final int start, final int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(final int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return in.readArrayStart();
    }

    @Override
    public long arrayNext() throws IOException {
        return in.arrayNext();
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long readMapStart() throws IOException {
        return in.readMapStart();
    }

    @Override
    public long mapNext() throws IOException {
        return in.mapNext();
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
