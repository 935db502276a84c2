package com.kwp.bridge.extract;

/** A result column of a source query as the JDBC driver describes it. */
public record SourceColumn(String name, int jdbcType, String typeName) {}
