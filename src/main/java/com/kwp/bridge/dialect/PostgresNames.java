package com.kwp.bridge.dialect;

import java.util.HexFormat;

/** PostgreSQL's names and literals: the ANSI forms but for bytes. */
public class PostgresNames extends SqlNames {
  private static final long serialVersionUID = 1L;

  @Override
  public String dialectName() {
    return "postgresql";
  }

  @Override
  public String binaryLiteral(byte[] bytes) {
    return "CAST('\\x" + HexFormat.of().formatHex(bytes) + "' AS bytea)";
  }
}
