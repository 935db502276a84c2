package com.kwp.bridge.jdbc;

import java.io.Serializable;

/** One column of a database table as its JDBC metadata describes it. */
public record ColumnInfo(String name, int jdbcType, String typeName, int precision, int scale) implements Serializable {}
