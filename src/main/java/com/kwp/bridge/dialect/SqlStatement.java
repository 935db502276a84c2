package com.kwp.bridge.dialect;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/** SQL text plus its ordered parameters; data values never enter the text. */
public record SqlStatement(String text, List<Object> params) implements Serializable {
  public SqlStatement {
    params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params)); // a parameter may be SQL NULL
  }

  public static SqlStatement of(String text, Object... params) {
    return new SqlStatement(text, Arrays.asList(params));
  }

  @Override
  public String toString() {
    return text;
  }
}
