package com.kwp.bridge.dialect;

import com.kwp.bridge.error.ConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds each database's dialect from its families, and picks one from a JDBC URL. */
public final class Dialects {
  private static final Pattern SCHEME = Pattern.compile("^(jdbc:[A-Za-z0-9]+:)");

  private Dialects() {}

  public static SqlDialect postgres() {
    SqlNames names = new PostgresNames();
    return new SqlDialect("org.postgresql.Driver", names, new PostgresReadSql(names), new PostgresCatalogSql(names),
        new PostgresApplySql(names), new PostgresBookkeepingSql(names), TransientErrors.POSTGRES);
  }

  public static SqlDialect sqlServer() {
    SqlNames names = new SqlServerNames();
    return new SqlDialect("com.microsoft.sqlserver.jdbc.SQLServerDriver", names, new SqlServerReadSql(names),
        new SqlServerCatalogSql(names), new SqlServerApplySql(names), new SqlServerBookkeepingSql(names), TransientErrors.SQLSERVER);
  }

  /** The dialect of a JDBC URL; the refusal names only the URL's scheme, never its host, user or password. */
  public static SqlDialect forUrl(String url) {
    if (url.startsWith("jdbc:sqlserver:")) {
      return sqlServer();
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return postgres();
    }
    Matcher m = SCHEME.matcher(url);
    throw new ConfigException("Unsupported database URL " + (m.find() ? m.group(1) + "..." : "(not a jdbc: URL)")
        + ": the bridge speaks jdbc:sqlserver: and jdbc:postgresql:.");
  }
}
