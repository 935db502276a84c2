package com.kwp.bridge.extract.it;

import java.util.List;

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

  /**
   * A table {@code t} with one column of every type the database's read path supports (names with spaces and
   * accents among them), 3,000 generated rows and the edge values (NULLs, extremes, empty, old and far dates):
   * the statements that create and fill it.
   */
  List<String> everyTypeTable(String t);

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

      public List<String> everyTypeTable(String t) {
        return List.of("CREATE TABLE " + t + " (id int PRIMARY KEY, \"id hogar\" smallint, año integer, grande bigint, r real,"
            + " d double precision, monto numeric(12,2), big numeric(38,10), libre numeric, b boolean, txt text, vc varchar(20),"
            + " ch char(5), f date, ts timestamp, tstz timestamptz, bin bytea, u uuid, j json, jb jsonb)",
            "INSERT INTO " + t + " SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE (g % 32000)::smallint END, (g * 37 % 200000 - 100000)::int,"
            + " g * 1000000007 * (CASE WHEN g % 2 = 0 THEN -1 ELSE 1 END), (g / 7.0)::real, g / 3.0::double precision,"
            + " (g * 12.34 - 5000)::numeric(12,2), (g * 123456789.0123456789)::numeric(38,10), g / 7.0, g % 3 = 0,"
            + " 'año ' || g || ' ñandú €', 'v' || g, (g % 100)::text, DATE '1999-12-25' + (g * 13 % 20000)::int - 10000,"
            + " TIMESTAMP '2024-03-10 01:30:00' + g * INTERVAL '17 minutes 3.123456 seconds',"
            + " TIMESTAMPTZ '2024-03-10 01:30:00+00' + g * INTERVAL '17 minutes 3.123456 seconds', decode(md5(g::text), 'hex'),"
            + " md5(g::text)::uuid, json_build_object('g', g), jsonb_build_object('g', g, 'ñ', 'x') FROM generate_series(1::bigint, 3000) AS s(g)",
            "INSERT INTO " + t + " (id) VALUES (0)",
            "INSERT INTO " + t + " VALUES (-1, -32768, -2147483648, -9223372036854775808, 'NaN', '-Infinity', -9999999999.99,"
            + " 9999999999999999999999999999.9999999999, 0.0000000000000000005, false, '', '😀', 'a', '1500-03-01',"
            + " '1899-12-31 23:59:59.999999', '1970-01-01 00:00:00+00', '\\x', '00000000-0000-0000-0000-000000000000', '[]', '{}')",
            "INSERT INTO " + t + " VALUES (-2, 32767, 2147483647, 9223372036854775807, 'Infinity', '-0', 0.01, -0.0000000001,"
            + " -12345678901234567890.123456789012345678, true, E'l\\u00edneas\\n\\ty \\'comillas\\'', 'ñ', 'abcde', '9999-12-31',"
            + " '9999-12-31 23:59:59.999999', '2262-04-11 23:47:16.854775+00', '\\x00ff', 'ffffffff-ffff-ffff-ffff-ffffffffffff',"
            + " '{\"a\": [1, 2]}', '{\"a\": [1, 2]}')");
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

      public List<String> everyTypeTable(String t) {
        return List.of("CREATE TABLE " + t + " (id int PRIMARY KEY, [id hogar] smallint, año int, grande bigint, r real, d float,"
            + " monto decimal(12,2), big decimal(38,10), b bit, txt nvarchar(100), vc varchar(20), ch nchar(5), f date, ts datetime2(6),"
            + " dt datetime, bin varbinary(50), u uniqueidentifier, n tinyint)",
            "INSERT INTO " + t + " SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE CAST(g % 32000 AS smallint) END, CAST(g * 37 % 200000 - 100000 AS int),"
            + " g * 1000000007 * (CASE WHEN g % 2 = 0 THEN -1 ELSE 1 END), CAST(g / 7.0 AS real), CAST(g AS float) / 3,"
            + " CAST(g * 12.34 - 5000 AS decimal(12,2)), CAST(g * 123456789.0123456789 AS decimal(38,10)), CAST(g % 3 AS bit),"
            + " N'año ' + CAST(g AS nvarchar(10)) + N' ñandú €', 'v' + CAST(g AS varchar(10)), CAST(g % 100 AS nvarchar(5)),"
            + " DATEADD(day, CAST(g * 13 % 20000 AS int) - 10000, CAST('1999-12-25' AS date)),"
            + " DATEADD(microsecond, CAST(g % 1000 AS int) * 123, DATEADD(second, CAST(g * 1023 AS int), CAST('2024-03-10 01:30:00' AS datetime2(6)))),"
            + " DATEADD(second, CAST(g * 1023 AS int), CAST('2024-03-10 01:30:00' AS datetime)), CAST(CAST(g AS bigint) * 7919 AS varbinary(8)),"
            + " NEWID(), CAST(g % 256 AS tinyint) FROM " + series(1, 3000),
            "INSERT INTO " + t + " (id) VALUES (0)",
            "INSERT INTO " + t + " VALUES (-1, -32768, -2147483648, -9223372036854775808, -3.4e38, -1.7e308, -9999999999.99,"
            + " 9999999999999999999999999999.9999999999, 0, N'', N'ñ', N'a', '0001-01-01', '1899-12-31 23:59:59.999999',"
            + " '1753-01-01 00:00:00', 0x, '00000000-0000-0000-0000-000000000000', 0)",
            "INSERT INTO " + t + " VALUES (-2, 32767, 2147483647, 9223372036854775807, 3.4e38, 1.7e308, 0.01, -0.0000000001, 1,"
            + " N'líneas' + NCHAR(10) + N'y ''comillas''', 'x', N'abcde', '9999-12-31', '9999-12-31 23:59:59.999999',"
            + " '9999-12-31 23:59:59.997', 0x00ff, 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 255)");
      }

      public String textType() {
        return "nvarchar(100)";
      }
    };
  }
}
