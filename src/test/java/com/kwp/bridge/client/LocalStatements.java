package com.kwp.bridge.client;

import static com.kwp.bridge.client.LocalWorkspace.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kwp.bridge.client.LocalWorkspace.ApiError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL Statement Execution API 2.0 subset: POST /api/2.0/sql/statements (named parameters, wait_timeout with
 * on_wait_timeout CONTINUE or CANCEL, JSON_ARRAY + INLINE), GET a statement, GET /result/chunks/{i}, POST /cancel.
 * A stopped warehouse starts on the first statement (PENDING meanwhile); statements run one at a time on the
 * warehouse (RUNNING), executed by an {@link Executor} as the caller's identity. Results are cut in chunks of
 * {@link #chunkRows} rows.
 */
final class LocalStatements implements AutoCloseable {
  /** Runs SQL with named parameters as a given identity. */
  interface Executor {
    record Column(String name, String typeName, String typeText) {}

    record Result(List<Column> columns, List<List<String>> rows) {}

    /** Failure of the SQL itself: answered as state FAILED, not as an HTTP error. */
    final class SqlError extends RuntimeException {
      private static final long serialVersionUID = 1L;
      final String sqlState;

      SqlError(String message, String sqlState) {
        super(message);
        this.sqlState = sqlState;
      }
    }

    Result run(String sql, Map<String, Object> args, String identity);
  }

  private static final Pattern WAIT = Pattern.compile("(\\d+)s");

  private final class Stmt {
    final String id = UUID.randomUUID().toString();
    volatile String state = "PENDING";
    volatile Executor.Result result;
    volatile String errorCode;
    volatile String errorMessage;
    volatile String sqlState;
    Future<?> future;
  }

  private final Executor executor;
  private final Map<String, LocalWorkspace.Warehouse> warehouses;
  private final Map<String, Stmt> statements = new ConcurrentHashMap<>();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  /** Identities with CAN_USE on the warehouses; empty = everyone. */
  final Set<String> canUse = new HashSet<>();
  volatile int chunkRows = 2;
  volatile long warehouseStartMillis = 300;
  /** Every statement text received, in order. */
  final List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());

  LocalStatements(Executor executor, Map<String, LocalWorkspace.Warehouse> warehouses) {
    this.executor = executor;
    this.warehouses = warehouses;
  }

  JsonNode handle(String method, String rest, JsonNode body, String identity) {
    if (method.equals("POST") && rest.isEmpty()) {
      return execute(body, identity);
    }
    String[] parts = rest.substring(1).split("/");
    Stmt s = statements.get(parts[0]);
    if (s == null) {
      throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Statement " + parts[0] + " not found.");
    }
    if (method.equals("GET") && parts.length == 1) {
      return response(s);
    }
    if (method.equals("POST") && parts.length == 2 && parts[1].equals("cancel")) {
      cancel(s);
      return JSON.createObjectNode();
    }
    if (method.equals("GET") && parts.length == 4 && parts[1].equals("result") && parts[2].equals("chunks")) {
      if (!s.state.equals("SUCCEEDED")) {
        throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Statement " + s.id + " is " + s.state + "; results are available once SUCCEEDED.");
      }
      int index = Integer.parseInt(parts[3]);
      if (index < 0 || index >= chunkCount(s.result)) {
        throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Chunk index " + index + " is out of range.");
      }
      return chunk(s, index);
    }
    throw new ApiError(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " /api/2.0/sql/statements" + rest + "'");
  }

  private JsonNode execute(JsonNode body, String identity) {
    String sql = body.path("statement").asText(null);
    String warehouseId = body.path("warehouse_id").asText(null);
    if (sql == null || sql.isBlank() || warehouseId == null) {
      throw new ApiError(400, "INVALID_PARAMETER_VALUE", "statement and warehouse_id are required.");
    }
    LocalWorkspace.Warehouse w = warehouses.get(warehouseId);
    if (w == null) {
      throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "SQL warehouse " + warehouseId + " does not exist.");
    }
    if (!canUse.isEmpty() && !canUse.contains(identity)) {
      throw new ApiError(403, "PERMISSION_DENIED", "User " + identity + " does not have permission to use SQL warehouse " + warehouseId + ".");
    }
    String format = body.path("format").asText("JSON_ARRAY");
    String disposition = body.path("disposition").asText("INLINE");
    if (!format.equals("JSON_ARRAY") || !disposition.equals("INLINE")) {
      throw new ApiError(400, "INVALID_PARAMETER_VALUE", "This workspace serves format JSON_ARRAY with disposition INLINE only.");
    }
    Matcher m = WAIT.matcher(body.path("wait_timeout").asText("10s"));
    int wait = m.matches() ? Integer.parseInt(m.group(1)) : -1;
    if (wait != 0 && (wait < 5 || wait > 50)) {
      throw new ApiError(400, "INVALID_PARAMETER_VALUE", "wait_timeout must be 0s or between 5s and 50s.");
    }
    Map<String, Object> args = new LinkedHashMap<>();
    for (JsonNode p : body.path("parameters")) {
      args.put(p.path("name").asText(), value(p));
    }
    received.add(sql);
    Stmt s = new Stmt();
    statements.put(s.id, s);
    s.future = pool.submit(() -> run(s, w, sql, args, identity));
    if (wait > 0) {
      try {
        s.future.get(wait, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        if (body.path("on_wait_timeout").asText("CONTINUE").equals("CANCEL")) {
          cancel(s);
        }
      } catch (Exception e) {
        // The statement's own failure is in its state.
      }
    }
    return response(s);
  }

  private void run(Stmt s, LocalWorkspace.Warehouse w, String sql, Map<String, Object> args, String identity) {
    try {
      LocalWorkspace.Warehouse current = warehouses.get(w.id());
      if (!current.state().equals("RUNNING")) {
        warehouses.put(w.id(), new LocalWorkspace.Warehouse(w.id(), w.name(), "STARTING"));
        Thread.sleep(warehouseStartMillis);
        warehouses.put(w.id(), new LocalWorkspace.Warehouse(w.id(), w.name(), "RUNNING"));
      }
      if (s.state.equals("CANCELED")) {
        return;
      }
      s.state = "RUNNING";
      Executor.Result r = executor.run(sql, args, identity);
      if (!s.state.equals("CANCELED")) {
        s.result = r;
        s.state = "SUCCEEDED";
      }
    } catch (Executor.SqlError e) {
      s.errorCode = "BAD_REQUEST";
      s.errorMessage = e.getMessage();
      s.sqlState = e.sqlState;
      s.state = "FAILED";
    } catch (InterruptedException e) {
      s.state = "CANCELED";
    } catch (Throwable e) {
      s.errorCode = "INTERNAL_ERROR";
      s.errorMessage = String.valueOf(e);
      s.state = "FAILED";
    }
  }

  private void cancel(Stmt s) {
    if (s.state.equals("PENDING") || s.state.equals("RUNNING")) {
      s.state = "CANCELED";
      s.future.cancel(true);
    }
  }

  private static Object value(JsonNode p) {
    if (!p.has("value") || p.get("value").isNull()) {
      return null;
    }
    String v = p.get("value").asText();
    String type = p.path("type").asText("STRING").toUpperCase(java.util.Locale.ROOT);
    return switch (type) {
      case "INT", "INTEGER" -> Integer.valueOf(v);
      case "BIGINT", "LONG" -> Long.valueOf(v);
      case "BOOLEAN" -> Boolean.valueOf(v);
      case "DOUBLE" -> Double.valueOf(v);
      case "DATE" -> java.sql.Date.valueOf(v);
      case "TIMESTAMP" -> java.sql.Timestamp.valueOf(v);
      default -> v;
    };
  }

  private JsonNode response(Stmt s) {
    ObjectNode n = JSON.createObjectNode().put("statement_id", s.id);
    ObjectNode status = n.putObject("status").put("state", s.state);
    if (s.state.equals("FAILED")) {
      status.putObject("error").put("error_code", s.errorCode).put("message", s.errorMessage);
      if (s.sqlState != null) {
        status.put("sql_state", s.sqlState);
      }
    }
    if (s.state.equals("SUCCEEDED")) {
      Executor.Result r = s.result;
      ObjectNode manifest = n.putObject("manifest").put("format", "JSON_ARRAY");
      ObjectNode schema = manifest.putObject("schema").put("column_count", r.columns().size());
      ArrayNode cols = schema.putArray("columns");
      for (int i = 0; i < r.columns().size(); i++) {
        Executor.Column c = r.columns().get(i);
        cols.addObject().put("name", c.name()).put("type_name", c.typeName()).put("type_text", c.typeText()).put("position", i);
      }
      int count = chunkCount(r);
      manifest.put("total_chunk_count", count).put("total_row_count", r.rows().size()).put("truncated", false);
      ArrayNode chunks = manifest.putArray("chunks");
      for (int i = 0; i < count; i++) {
        chunks.addObject().put("chunk_index", i).put("row_offset", (long) i * chunkRows).put("row_count", rowsIn(r, i));
      }
      if (count > 0) {
        n.set("result", chunk(s, 0));
      }
    }
    return n;
  }

  private ObjectNode chunk(Stmt s, int index) {
    Executor.Result r = s.result;
    ObjectNode c = JSON.createObjectNode().put("chunk_index", index).put("row_offset", (long) index * chunkRows).put("row_count", rowsIn(r, index));
    ArrayNode data = c.putArray("data_array");
    for (int i = index * chunkRows; i < Math.min((index + 1) * chunkRows, r.rows().size()); i++) {
      ArrayNode row = data.addArray();
      r.rows().get(i).forEach(row::add);
    }
    if (index + 1 < chunkCount(r)) {
      c.put("next_chunk_index", index + 1).put("next_chunk_internal_link", "/api/2.0/sql/statements/" + s.id + "/result/chunks/" + (index + 1));
    }
    return c;
  }

  private int chunkCount(Executor.Result r) {
    return (r.rows().size() + chunkRows - 1) / chunkRows;
  }

  private int rowsIn(Executor.Result r, int index) {
    return Math.min(chunkRows, r.rows().size() - index * chunkRows);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
