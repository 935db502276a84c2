package com.kwp.bridge.client;

import com.databricks.sdk.service.sql.CancelExecutionRequest;
import com.databricks.sdk.service.sql.ColumnInfo;
import com.databricks.sdk.service.sql.Disposition;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequestOnWaitTimeout;
import com.databricks.sdk.service.sql.Format;
import com.databricks.sdk.service.sql.GetStatementResultChunkNRequest;
import com.databricks.sdk.service.sql.ResultData;
import com.databricks.sdk.service.sql.StatementExecutionAPI;
import com.databricks.sdk.service.sql.StatementParameterListItem;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs one statement on the configured warehouse through the SQL Statement Execution API: named parameters
 * only, JSON_ARRAY + INLINE results, PENDING/RUNNING polled with backoff until a final state, every result
 * chunk followed by {@code next_chunk_index}. Used for metadata (a handful of rows), never row data.
 */
final class Statements {
  /** A named parameter; {@code value} null is SQL NULL, {@code type} a SQL type name (STRING when null). */
  record Param(String name, String value, String type) {
    static Param string(String name, String value) {
      return new Param(name, value, "STRING");
    }

    /** INT, not BIGINT: LIMIT takes an integer expression only. */
    static Param integer(String name, int value) {
      return new Param(name, Integer.toString(value), "INT");
    }
  }

  private final StatementExecutionAPI api;
  private final ClientSettings settings;
  private final Sleeper sleeper;

  Statements(StatementExecutionAPI api, ClientSettings settings, Sleeper sleeper) {
    this.api = api;
    this.settings = settings;
    this.sleeper = sleeper;
  }

  /** Executes and returns every row; {@code about} names the tables involved for error messages. */
  StatementResult execute(String sql, List<Param> params, RemoteErrors.Target about) {
    String warehouse = settings.requireWarehouse();
    List<StatementParameterListItem> items = new ArrayList<>();
    for (Param p : params) {
      items.add(new StatementParameterListItem().setName(p.name()).setValue(p.value()).setType(p.type()));
    }
    ExecuteStatementRequest request = new ExecuteStatementRequest()
        .setWarehouseId(warehouse)
        .setStatement(sql)
        .setParameters(items)
        .setWaitTimeout(settings.statementWait().toSeconds() + "s")
        .setOnWaitTimeout(ExecuteStatementRequestOnWaitTimeout.CONTINUE)
        .setFormat(Format.JSON_ARRAY)
        .setDisposition(Disposition.INLINE);
    RemoteErrors.Target warehouseTarget = new RemoteErrors.Target("SQL warehouse " + warehouse, "CAN_USE",
        "set BRIDGE_WAREHOUSE_ID (--warehouse-id) to an existing warehouse");
    StatementResponse response = RemoteErrors.call(warehouseTarget, () -> api.executeStatement(request));
    response = awaitFinal(response, warehouseTarget);
    StatementState state = response.getStatus().getState();
    if (state != StatementState.SUCCEEDED) {
      throw failed(response, about);
    }
    return collect(response, about);
  }

  private StatementResponse awaitFinal(StatementResponse first, RemoteErrors.Target warehouse) {
    StatementResponse response = first;
    Instant deadline = Instant.now().plus(settings.statementTimeout());
    Duration delay = settings.pollInitial();
    while (isActive(response.getStatus().getState())) {
      String id = response.getStatementId();
      if (Instant.now().isAfter(deadline)) {
        RemoteErrors.run(warehouse, () -> api.cancelExecution(new CancelExecutionRequest().setStatementId(id)));
        throw new RemoteUnavailableException(null, 0, "statement " + id + " on " + warehouse.object() + " was still "
            + response.getStatus().getState() + " after " + settings.statementTimeout().toSeconds() + "s and was canceled;"
            + " a stopped warehouse takes a few minutes to start: retry, or keep the warehouse running", null);
      }
      sleep(delay);
      delay = delay.multipliedBy(2).compareTo(settings.pollMax()) > 0 ? settings.pollMax() : delay.multipliedBy(2);
      response = RemoteErrors.call(warehouse, () -> api.getStatement(id));
    }
    return response;
  }

  private static boolean isActive(StatementState s) {
    return s == StatementState.PENDING || s == StatementState.RUNNING;
  }

  private StatementResult collect(StatementResponse response, RemoteErrors.Target about) {
    List<String> columns = new ArrayList<>();
    if (response.getManifest() != null && response.getManifest().getSchema() != null
        && response.getManifest().getSchema().getColumns() != null) {
      for (ColumnInfo c : response.getManifest().getSchema().getColumns()) {
        columns.add(c.getName());
      }
    }
    List<List<String>> rows = new ArrayList<>();
    ResultData chunk = response.getResult();
    String id = response.getStatementId();
    while (chunk != null) {
      addRows(rows, chunk.getDataArray());
      Long next = chunk.getNextChunkIndex();
      if (next == null) {
        break;
      }
      chunk = RemoteErrors.call(about, () -> api.getStatementResultChunkN(new GetStatementResultChunkNRequest().setStatementId(id).setChunkIndex(next)));
    }
    return new StatementResult(id, columns, rows);
  }

  private static void addRows(List<List<String>> rows, Collection<Collection<String>> data) {
    if (data != null) {
      for (Collection<String> r : data) {
        rows.add(new ArrayList<>(r));
      }
    }
  }

  private static StatementFailedException failed(StatementResponse r, RemoteErrors.Target about) {
    var error = r.getStatus().getError();
    String code = error == null || error.getErrorCode() == null ? null : error.getErrorCode().name();
    String message = error == null ? "no error message" : error.getMessage();
    String hint = hint(message, about);
    return new StatementFailedException(code, 200, "statement " + r.getStatementId() + " on " + about.object() + " ended "
        + r.getStatus().getState() + (code == null ? "" : " (" + code + ")") + ": " + message + hint, null);
  }

  /** What to do for the failures a project meets first. */
  private static String hint(String message, RemoteErrors.Target about) {
    String m = message == null ? "" : message;
    if (m.contains("TABLE_OR_VIEW_NOT_FOUND")) {
      return "; check BRIDGE_CATALOG/BRIDGE_SCHEMA (the bridge tables are created by the jobs' first runs)";
    }
    if (m.contains("PERMISSION_DENIED") || m.contains("INSUFFICIENT_PERMISSIONS")) {
      return "; grant the project's service principal " + about.permission() + " on " + about.object();
    }
    return "";
  }

  private void sleep(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteUnavailableException(null, 0, "interrupted while waiting for a statement", e);
    }
  }
}
