package com.kwp.bridge.audit;

import com.kwp.bridge.lake.EventTables;
import com.kwp.bridge.lake.TableRef;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Appends audit records to the audit Delta table (append-only; never updated). */
public final class AuditSink {
  private final TableRef table;

  public AuditSink(TableRef table) {
    this.table = table;
  }

  /** Appends {@code records} in one Delta commit; nothing when empty. */
  public void append(SparkSession spark, List<AuditRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    var rows = records.stream().map(AuditRecord::toRow).toList();
    // one file per commit: a handful of rows need no parallel write, and fewer files keep later reads cheap
    table.save(spark.createDataFrame(rows, EventTables.AUDIT).coalesce(1).write().format("delta").mode("append"));
  }
}
