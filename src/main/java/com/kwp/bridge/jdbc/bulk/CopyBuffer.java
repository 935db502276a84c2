package com.kwp.bridge.jdbc.bulk;

import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/** A growable byte buffer with big-endian writes (the byte order of PostgreSQL's binary COPY). */
final class CopyBuffer {
  private byte[] buf;
  private int pos;

  CopyBuffer(int capacity) {
    buf = new byte[capacity];
  }

  int size() {
    return pos;
  }

  byte[] array() {
    return buf;
  }

  void reset() {
    pos = 0;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  void putByte(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
  }

  void putShort(int v) {
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  void putInt(int v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  void putBytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  /** The string's UTF-8 bytes as Spark holds them (no decoding to a Java String). */
  void putUtf8(UTF8String s) {
    int n = s.numBytes();
    ensure(n);
    s.writeToMemory(buf, Platform.BYTE_ARRAY_OFFSET + pos);
    pos += n;
  }

  byte[] toByteArray() {
    return java.util.Arrays.copyOf(buf, pos);
  }
}
