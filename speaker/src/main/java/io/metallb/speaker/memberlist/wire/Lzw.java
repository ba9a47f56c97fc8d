package io.metallb.speaker.memberlist.wire;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * LZW as Go's {@code compress/lzw} does it with {@code LSB} order and literal width 8, the only
 * compression memberlist knows ({@code lzwAlgo}, util.go {@code compressPayload}): codes start at
 * 9 bits and grow to 12; code 256 clears the table, 257 ends the stream. The writer emits the same
 * bit stream as Go's writer (golden-tested); the reader accepts what Go's reader accepts. Pure.
 */
public final class Lzw {
  private static final int LIT_WIDTH = 8;
  private static final int CLEAR = 1 << LIT_WIDTH;
  private static final int EOF = CLEAR + 1;
  private static final int MAX_WIDTH = 12;
  private static final int MAX_CODE = (1 << MAX_WIDTH) - 1;

  private Lzw() {}

  /** Compresses {@code input}. */
  public static byte[] compress(byte[] input) {
    BitWriter out = new BitWriter();
    out.width = LIT_WIDTH + 1;
    int hi = EOF;
    int overflow = 1 << (LIT_WIDTH + 1);
    Map<Integer, Integer> table = new HashMap<>(); // (prefix code << 8 | literal) -> code
    if (input.length == 0) {
      out.write(CLEAR);
    } else {
      out.write(CLEAR);
      int code = input[0] & 0xff;
      for (int i = 1; i < input.length; i++) {
        int literal = input[i] & 0xff;
        int key = code << 8 | literal;
        Integer known = table.get(key);
        if (known != null) {
          code = known;
          continue;
        }
        out.write(code);
        code = literal;
        hi++;
        if (hi == overflow) {
          out.width++;
          overflow <<= 1;
        }
        if (hi == MAX_CODE) {
          out.write(CLEAR);
          out.width = LIT_WIDTH + 1;
          hi = EOF;
          overflow = CLEAR << 1;
          table.clear();
          continue;
        }
        table.put(key, hi);
      }
      out.write(code);
      hi++;
      if (hi == overflow) {
        out.width++;
      }
      if (hi == MAX_CODE) {
        out.write(CLEAR);
        out.width = LIT_WIDTH + 1;
      }
    }
    out.write(EOF);
    return out.finish();
  }

  /**
   * Decompresses {@code input}, which must end with the EOF code.
   *
   * @param maxOutput the largest output accepted
   * @throws WireFormatException {@link DropReason#BAD_COMPRESSION} on an invalid or unterminated
   *     stream, {@link DropReason#TOO_LARGE} beyond {@code maxOutput}
   */
  public static byte[] decompress(byte[] input, int maxOutput) throws WireFormatException {
    int[] prefix = new int[1 << MAX_WIDTH];
    byte[] suffix = new byte[1 << MAX_WIDTH];
    byte[] scratch = new byte[1 << MAX_WIDTH];
    ByteArrayOutputStream out = new ByteArrayOutputStream(input.length * 3);
    int width = LIT_WIDTH + 1;
    int hi = EOF;
    int overflow = 1 << width;
    int last = -1;
    long bits = 0;
    int nBits = 0;
    int pos = 0;
    while (true) {
      while (nBits < width) {
        if (pos >= input.length) {
          throw new WireFormatException(DropReason.BAD_COMPRESSION, "lzw: unexpected end of input");
        }
        bits |= (long) (input[pos++] & 0xff) << nBits;
        nBits += 8;
      }
      int code = (int) (bits & ((1L << width) - 1));
      bits >>>= width;
      nBits -= width;
      if (code < CLEAR) {
        out.write(code);
        if (last != -1) {
          suffix[hi] = (byte) code;
          prefix[hi] = last;
        }
      } else if (code == CLEAR) {
        width = LIT_WIDTH + 1;
        hi = EOF;
        overflow = 1 << width;
        last = -1;
        continue;
      } else if (code == EOF) {
        return out.toByteArray();
      } else if (code <= hi) {
        int i = scratch.length - 1;
        int c = code;
        if (code == hi && last != -1) {
          c = last;
          while (c >= CLEAR) {
            c = prefix[c];
          }
          scratch[i--] = (byte) c;
          c = last;
        } else if (code == hi) {
          throw new WireFormatException(DropReason.BAD_COMPRESSION, "lzw: invalid code");
        }
        while (c >= CLEAR) {
          scratch[i--] = suffix[c];
          c = prefix[c];
        }
        scratch[i] = (byte) c;
        out.write(scratch, i, scratch.length - i);
        if (last != -1) {
          suffix[hi] = (byte) c;
          prefix[hi] = last;
        }
      } else {
        throw new WireFormatException(DropReason.BAD_COMPRESSION, "lzw: invalid code");
      }
      if (out.size() > maxOutput) {
        throw new WireFormatException(DropReason.TOO_LARGE, "lzw: output beyond " + maxOutput + " bytes");
      }
      last = code;
      hi++;
      if (hi >= overflow) {
        if (width == MAX_WIDTH) {
          last = -1;
          hi--;
        } else {
          width++;
          overflow = 1 << width;
        }
      }
    }
  }

  private static final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long bits;
    private int nBits;
    private int width;

    void write(int code) {
      bits |= (long) code << nBits;
      nBits += width;
      while (nBits >= 8) {
        out.write((int) (bits & 0xff));
        bits >>>= 8;
        nBits -= 8;
      }
    }

    byte[] finish() {
      if (nBits > 0) {
        out.write((int) (bits & 0xff));
      }
      return out.toByteArray();
    }
  }
}
