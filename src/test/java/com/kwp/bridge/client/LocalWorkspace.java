package com.kwp.bridge.client;

import com.databricks.sdk.core.DatabricksConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A local stand-in for a Databricks workspace, test code only: the subset of the REST APIs BridgeClient uses,
 * with request, response and error bodies shaped as the public API reference documents them ({@code error_code},
 * {@code message}; 400/401/403/404/429/503). Jobs API 2.2 ({@link LocalJobs}), SQL Statement Execution API 2.0
 * ({@link LocalStatements}, which executes the SQL with local Spark), SCIM Me and SQL warehouses. Personal access
 * tokens map to identities; the real SDK client talks to it over HTTP.
 */
final class LocalWorkspace implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** An API error as the workspace answers it. */
  static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final Map<String, String> headers = new HashMap<>();

    ApiError(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /** A failure answered once, to the next request whose path starts with {@code pathPrefix}. */
  record Fault(String method, String pathPrefix, int status, String code, String message, Integer retryAfterSeconds) {}

  /** One request as received: method, path and the identity it was authenticated as. */
  record Request(String method, String path, String identity, JsonNode body) {}

  record Warehouse(String id, String name, String state) {}

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  final Map<String, Warehouse> warehouses = new ConcurrentHashMap<>();
  final LocalJobs jobs = new LocalJobs();
  final LocalStatements statements;

  LocalWorkspace(LocalStatements.Executor sql) throws IOException {
    this.statements = new LocalStatements(sql, warehouses);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  String host() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A token whose requests are made as {@code identity} (a user name or a service principal's application id). */
  void addToken(String token, String identity) {
    tokens.put(token, identity);
  }

  void addWarehouse(String id, String name, String state) {
    warehouses.put(id, new Warehouse(id, name, state));
  }

  synchronized void failNext(Fault f) {
    faults.add(f);
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** SDK configuration for a personal access token, as DATABRICKS_HOST + DATABRICKS_TOKEN would give. */
  DatabricksConfig config(String token) {
    return new DatabricksConfig().setHost(host()).setToken(token).setAuthType("pat");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      JsonNode body;
      try (InputStream in = ex.getRequestBody()) {
        byte[] bytes = in.readAllBytes();
        body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
      }
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      try {
        if (!path.startsWith("/api/")) {
          // e.g. the SDK's OpenID Connect discovery: this workspace offers only personal access tokens.
          throw new ApiError(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
        }
        String identity = authenticate(ex);
        requests.add(new Request(method, path, identity, body));
        Fault fault = takeFault(method, path);
        if (fault != null) {
          ApiError e = new ApiError(fault.status(), fault.code(), fault.message());
          if (fault.retryAfterSeconds() != null) {
            e.headers.put("Retry-After", fault.retryAfterSeconds().toString());
          }
          throw e;
        }
        send(ex, 200, route(method, path, query, body, identity));
      } catch (ApiError e) {
        e.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ObjectNode err = JSON.createObjectNode().put("error_code", e.code).put("message", e.getMessage());
        send(ex, e.status, err);
      } catch (RuntimeException e) {
        send(ex, 500, JSON.createObjectNode().put("error_code", "INTERNAL_ERROR").put("message", String.valueOf(e)));
      }
    }
  }

  private JsonNode route(String method, String path, Map<String, String> query, JsonNode body, String identity) {
    if (path.equals("/api/2.0/preview/scim/v2/Me") && method.equals("GET")) {
      ObjectNode me = JSON.createObjectNode();
      me.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
      me.put("id", Integer.toString(Math.abs(identity.hashCode()))).put("userName", identity).put("displayName", identity).put("active", true);
      return me;
    }
    if (path.startsWith("/api/2.0/sql/warehouses/") && method.equals("GET")) {
      String id = path.substring("/api/2.0/sql/warehouses/".length());
      Warehouse w = warehouses.get(id);
      if (w == null) {
        throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "SQL warehouse " + id + " does not exist.");
      }
      return JSON.createObjectNode().put("id", w.id()).put("name", w.name()).put("state", w.state()).put("cluster_size", "2X-Small")
          .put("auto_stop_mins", 10).put("num_clusters", w.state().equals("RUNNING") ? 1 : 0).put("warehouse_type", "PRO");
    }
    if (path.startsWith("/api/2.2/jobs/")) {
      return jobs.handle(method, path.substring("/api/2.2/jobs/".length()), query, body, identity);
    }
    if (path.startsWith("/api/2.0/sql/statements")) {
      return statements.handle(method, path.substring("/api/2.0/sql/statements".length()), body, identity);
    }
    throw new ApiError(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
  }

  private String authenticate(HttpExchange ex) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String identity = auth != null && auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
    if (identity == null) {
      throw new ApiError(401, "UNAUTHENTICATED", "Invalid access token.");
    }
    return identity;
  }

  private synchronized Fault takeFault(String method, String path) {
    for (Fault f : faults) {
      if (f.method().equals(method) && path.startsWith(f.pathPrefix())) {
        faults.remove(f);
        return f;
      }
    }
    return null;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int i = pair.indexOf('=');
        if (i > 0) {
          q.put(URLDecoder.decode(pair.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    statements.close();
  }
}
