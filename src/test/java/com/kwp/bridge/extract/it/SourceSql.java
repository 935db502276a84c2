package com.kwp.bridge.extract.it;

/** The few SQL spellings the extract scenarios need that differ between the databases under test. */
interface SourceSql {
  /** A derived table yielding one bigint column {@code g} for every integer in [from, to]. */
  String series(long from, long to);

  /** {@code date + days} as a date expression. */
  String addDays(String date, String days);

  /** {@code timestamp + minutes} as a timestamp expression. */
  String addMinutes(String timestamp, String minutes);

  String timestampType();

  String textType();

  static SourceSql postgres() {
    return new SourceSql() {
      public String series(long from, long to) {
        return "generate_series(" + from + ", " + to + ") AS s(g)";
      }

      public String addDays(String date, String days) {
        return "(" + date + " + (" + days + ")::int)";
      }

      public String addMinutes(String ts, String minutes) {
        return "(" + ts + " + (" + minutes + ") * INTERVAL '1 minute')";
      }

      public String timestampType() {
        return "timestamp";
      }

      public String textType() {
        return "text";
      }
    };
  }

  static SourceSql sqlServer() {
    return new SourceSql() {
      public String series(long from, long to) {
        return "(SELECT TOP (" + (to - from + 1) + ") CAST(" + (from - 1) + " + ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS BIGINT) AS g"
            + " FROM sys.all_objects a CROSS JOIN sys.all_objects b CROSS JOIN sys.all_objects c) s";
      }

      public String addDays(String date, String days) {
        return "DATEADD(day, " + days + ", " + date + ")";
      }

      public String addMinutes(String ts, String minutes) {
        return "DATEADD(minute, " + minutes + ", " + ts + ")";
      }

      public String timestampType() {
        return "datetime2(6)";
      }

      public String textType() {
        return "nvarchar(100)";
      }
    };
  }
}
