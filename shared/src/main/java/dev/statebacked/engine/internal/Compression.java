package dev.statebacked.engine.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * gzip, deflate (zlib) and deflate-raw for CompressionStream / DecompressionStream. Machine code is untrusted, so
 * both the input and what inflating may produce are capped (a small bomb can inflate a thousandfold).
 */
final class Compression {
    /** Why a whole stream failed; the prelude turns it into the TypeError the web standard asks for. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

    private final int maxBytes;

    Compression(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** What the prelude's {@code host.zip(mode, format, base64)} does: base64 in and out, as the other host functions. */
    String run(String mode, String format, String base64) throws Failed {
        if (!Set.of("gzip", "deflate", "deflate-raw").contains(format))
            throw new Failed("unsupported format " + format);
        // refused before decoding, so an oversized input costs no copy
        if (base64.length() / 4L * 3 > maxBytes + 2L) throw new Failed("input larger than " + maxBytes + " bytes");
        byte[] input = Base64.getDecoder().decode(base64);
        return Base64.getEncoder()
                .encodeToString("compress".equals(mode) ? compress(format, input) : decompress(format, input));
    }

    private byte[] compress(String format, byte[] input) throws Failed {
        if (input.length > maxBytes) throw new Failed("input larger than " + maxBytes + " bytes");
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, !"deflate".equals(format));
        try {
            deflater.setInput(input);
            deflater.finish();
            var out = new ByteArrayOutputStream(input.length / 2 + 64);
            if ("gzip".equals(format))
                out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255}, 0, 10);
            byte[] buf = new byte[8192];
            while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
            if ("gzip".equals(format)) {
                var crc = new CRC32();
                crc.update(input);
                out.writeBytes(ByteBuffer.allocate(8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putInt((int) crc.getValue())
                        .putInt(input.length)
                        .array());
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private byte[] decompress(String format, byte[] input) throws Failed {
        if (input.length > maxBytes) throw new Failed("input larger than " + maxBytes + " bytes");
        boolean gzip = "gzip".equals(format);
        int start = gzip ? gzipHeaderLength(input) : 0;
        Inflater inflater = new Inflater(!"deflate".equals(format));
        try {
            inflater.setInput(input, start, input.length - start);
            var out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary()))
                    throw new Failed("the compressed data ended early");
                if (out.size() + n > maxBytes) throw new Failed("decompressed data larger than " + maxBytes + " bytes");
                out.write(buf, 0, n);
            }
            byte[] result = out.toByteArray();
            int trailing = inflater.getRemaining();
            if (gzip) {
                if (trailing < 8) throw new Failed("the gzip trailer is missing");
                var trailer = ByteBuffer.wrap(input, input.length - trailing, 8).order(ByteOrder.LITTLE_ENDIAN);
                var crc = new CRC32();
                crc.update(result);
                if (trailer.getInt() != (int) crc.getValue() || trailer.getInt() != result.length)
                    throw new Failed("the gzip checksum does not match");
                trailing -= 8;
            }
            if (trailing > 0) throw new Failed("data after the end of the compressed stream");
            return result;
        } catch (DataFormatException e) {
            throw new Failed("invalid " + format + " data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** RFC 1952 member header: fixed 10 bytes, then the optional fields its flags announce. */
    private static int gzipHeaderLength(byte[] in) throws Failed {
        if (in.length < 10 || ((in[0] & 255) | (in[1] & 255) << 8) != GZIP_MAGIC || in[2] != 8)
            throw new Failed("not gzip data");
        int flags = in[3] & 255;
        int p = 10;
        if ((flags & FEXTRA) != 0) {
            if (p + 2 > in.length) throw new Failed("truncated gzip header");
            p += 2 + ((in[p] & 255) | (in[p + 1] & 255) << 8);
        }
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flags & field) == 0) continue;
            while (p < in.length && in[p] != 0) p++;
            p++;
        }
        if ((flags & FHCRC) != 0) p += 2;
        if (p > in.length) throw new Failed("truncated gzip header");
        return p;
    }
}
