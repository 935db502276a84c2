package com.kwp.bridge.jdbc.bulk;

import com.microsoft.sqlserver.jdbc.ISQLServerBulkData;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * Feeds Spark rows to {@code SQLServerBulkCopy}. Columns are declared with the destination's type,
 * precision and scale; values are converted by {@link BulkValues}. The driver calls {@link #next()} then
 * exactly one {@link #getRowData()} per row.
 */
public final class SparkRowBulkData implements ISQLServerBulkData {
  private static final long serialVersionUID = 1L;
  private final transient Iterator<Row> rows;
  private final List<BulkColumn> columns;
  private final int partitionId;
  private transient Row current;
  private transient long served;

  public SparkRowBulkData(Iterator<Row> rows, List<BulkColumn> columns, int partitionId) {
    this.rows = rows;
    this.columns = List.copyOf(columns);
    this.partitionId = partitionId;
  }

  @Override
  public Set<Integer> getColumnOrdinals() {
    Set<Integer> ordinals = new TreeSet<>();
    for (int i = 1; i <= columns.size(); i++) {
      ordinals.add(i);
    }
    return ordinals;
  }

  @Override
  public String getColumnName(int column) {
    return columns.get(column - 1).name();
  }

  @Override
  public int getColumnType(int column) {
    return BulkValues.declaredType(columns.get(column - 1).jdbcType());
  }

  @Override
  public int getPrecision(int column) {
    return columns.get(column - 1).precision();
  }

  @Override
  public int getScale(int column) {
    return columns.get(column - 1).scale();
  }

  @Override
  public Object[] getRowData() {
    Object[] out = new Object[columns.size()];
    for (int i = 0; i < out.length; i++) {
      BulkColumn c = columns.get(i);
      out[i] = c.sourceIndex() == BulkColumn.PARTITION_ID ? Integer.valueOf(partitionId) : BulkValues.convert(current.get(c.sourceIndex()), c);
    }
    return out;
  }

  @Override
  public boolean next() {
    if (!rows.hasNext()) {
      return false;
    }
    current = rows.next();
    served++;
    return true;
  }

  /** Rows handed to the driver so far. */
  public long rowsServed() {
    return served;
  }
}
