package com.kwp.bridge.extract;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A binary watermark (SQL Server rowversion, binary(8)), ordered as the database orders binary values:
 * byte by byte, unsigned. Shown as {@code 0x00000000000007D1}.
 */
public record BinaryWatermark(byte[] bytes) implements Comparable<BinaryWatermark> {
  public BinaryWatermark {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public int compareTo(BinaryWatermark o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** This value moved back by {@code amount} (a lookback), as an unsigned number of the same width; floors at zero. */
  public BinaryWatermark minus(BigInteger amount) {
    BigInteger v = new BigInteger(1, bytes).subtract(amount).max(BigInteger.ZERO);
    byte[] raw = v.toByteArray();
    byte[] out = new byte[bytes.length];
    int n = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - n, out, out.length - n, n);
    return new BinaryWatermark(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryWatermark b && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().withUpperCase().formatHex(bytes);
  }
}
