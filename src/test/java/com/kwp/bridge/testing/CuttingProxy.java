package com.kwp.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local TCP proxy in front of a TDS server that cuts a connection the first time its client starts a bulk
 * insert into an armed table ({@code INSERT BULK ... [table]}, which SQLServerBulkCopy sends as UTF-16 text):
 * a real connection loss at the moment a load starts, which the client sees as a reset (SQLState 08S01). It
 * reads the traffic, so it only works where the traffic is plain after the login ({@code encrypt=false});
 * {@link #through} says whether a URL qualifies.
 */
public final class CuttingProxy implements AutoCloseable {
  private static final Pattern HOST_PORT = Pattern.compile("^jdbc:sqlserver://([^:;/\\\\]+)(?::(\\d+))?");
  /** How much of the previous read is searched again, so a statement split across reads is still seen. */
  private static final int CARRY = 1024;

  private final ServerSocket server;
  private final String upstreamHost;
  private final int upstreamPort;
  private final String url;
  private final Set<String> armed = ConcurrentHashMap.newKeySet();

  private CuttingProxy(String url, String upstreamHost, int upstreamPort) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.url = HOST_PORT.matcher(url).replaceFirst("jdbc:sqlserver://127.0.0.1:" + server.getLocalPort());
    Thread accept = new Thread(this::acceptLoop, "cutting-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** A proxy in front of the server {@code url} names, when its traffic is plain after the login; else null. */
  public static CuttingProxy through(String url) {
    Matcher m = HOST_PORT.matcher(url);
    if (!m.find() || !url.toLowerCase(Locale.ROOT).contains(";encrypt=false")) {
      return null;
    }
    try {
      return new CuttingProxy(url, m.group(1), m.group(2) == null ? 1433 : Integer.parseInt(m.group(2)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a local proxy port", e);
    }
  }

  /** The server's URL, through this proxy. */
  public String url() {
    return url;
  }

  /** Cuts the next connection that starts a bulk insert into {@code table} (its unquoted name), once. */
  public void cutOnBulkInsertInto(String table) {
    armed.add(table);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(upstreamHost, upstreamPort);
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        // closed, or one connection failed to open: the client sees that connection fail
      }
    }
  }

  private void pump(Socket from, Socket to, boolean watch) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[64 * 1024];
      String tail = "";
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          if (watch && !armed.isEmpty()) {
            String seen = tail + text(buf, n);
            String hit = armedTableIn(seen);
            if (hit != null) {
              armed.remove(hit);
              from.close();
              to.close();
              return;
            }
            tail = seen.substring(Math.max(0, seen.length() - CARRY));
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed: close the other too
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  /** The bytes as UTF-16LE text at both alignments (a TDS packet header can shift the text by one byte). */
  private static String text(byte[] buf, int n) {
    return new String(buf, 0, n, StandardCharsets.UTF_16LE) + "\n" + (n > 1 ? new String(buf, 1, n - 1, StandardCharsets.UTF_16LE) : "");
  }

  private String armedTableIn(String seen) {
    int at = seen.indexOf("INSERT BULK ");
    while (at >= 0) {
      int end = seen.indexOf('(', at);
      String target = seen.substring(at, end < 0 ? seen.length() : end);
      for (String table : armed) {
        if (target.contains("[" + table + "]")) {
          return table;
        }
      }
      at = seen.indexOf("INSERT BULK ", at + 1);
    }
    return null;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
