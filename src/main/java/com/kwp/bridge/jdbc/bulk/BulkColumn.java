package com.kwp.bridge.jdbc.bulk;

import java.io.Serializable;

/**
 * One staging column as the destination declares it (JDBC type code, type name, precision, scale) and where
 * its value comes from in a Spark row ({@code sourceIndex}; {@link #PARTITION_ID} for the partition column).
 */
public record BulkColumn(String name, int jdbcType, String typeName, int precision, int scale, int sourceIndex) implements Serializable {
  /** Marker source index: the value is the Spark partition id. */
  public static final int PARTITION_ID = -1;
}
