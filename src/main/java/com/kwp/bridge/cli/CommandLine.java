package com.kwp.bridge.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.runtime.BoxedUnit;
import scopt.OEffect;
import scopt.OParser;
import scopt.OParserBuilder;
import scopt.Read$;

/**
 * The one adapter over scopt (a Scala-first API). Each main declares its {@link Opt}s; parsing yields
 * {@link Parsed} values or throws {@link UsageException}. scopt's effects are interpreted here, so the
 * parser never calls {@code System.exit}.
 */
public final class CommandLine {
  private CommandLine() {}

  /** One option: {@code --name value}, or a flag {@code --name}. */
  public record Opt(String name, String valueName, String help, boolean required, boolean repeated, boolean flag) {
    public static Opt required(String name, String valueName, String help) {
      return new Opt(name, valueName, help, true, false, false);
    }

    public static Opt optional(String name, String valueName, String help) {
      return new Opt(name, valueName, help, false, false, false);
    }

    public static Opt repeated(String name, String valueName, String help) {
      return new Opt(name, valueName, help, false, true, false);
    }

    public static Opt flag(String name, String help) {
      return new Opt(name, null, help, false, false, true);
    }
  }

  /** Values by option name, in the order given. */
  public record Parsed(Map<String, List<String>> values, boolean helpRequested) {
    public Optional<String> get(String name) {
      List<String> v = values.get(name);
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    public String require(String name) {
      return get(name).orElseThrow(() -> new UsageException("Missing --" + name));
    }

    public List<String> all(String name) {
      return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
      return values.containsKey(name);
    }
  }

  /** Parses {@code args} against {@code options}; {@code --help} sets {@link Parsed#helpRequested()}. */
  public static Parsed parse(String program, String description, List<Opt> options, String[] args) {
    OParser<?, Map<String, List<String>>> parser = build(program, description, options);
    Tuple2<scala.Option<Map<String, List<String>>>, scala.collection.immutable.List<OEffect>> result =
        OParser.runParser(parser, JavaConverters.asScalaBuffer(List.of(args)).toSeq(), Map.of());
    List<String> errors = new ArrayList<>();
    boolean help = false;
    for (OEffect effect : JavaConverters.seqAsJavaList(result._2())) {
      if (effect instanceof OEffect.ReportError e) {
        errors.add(e.msg());
      } else if (effect instanceof OEffect.DisplayToOut) {
        help = true;
      }
    }
    if (help) {
      return new Parsed(Map.of(), true);
    }
    if (!errors.isEmpty() || result._1().isEmpty()) {
      throw new UsageException(String.join("\n", errors) + "\n\n" + usage(program, description, options));
    }
    return new Parsed(result._1().get(), false);
  }

  /** Parses, or prints the usage and returns empty when {@code --help} was asked. */
  public static Optional<Parsed> parseOrHelp(String program, String description, List<Opt> options, String[] args) {
    Parsed p = parse(program, description, options, args);
    if (p.helpRequested()) {
      System.out.println(usage(program, description, options));
      return Optional.empty();
    }
    return Optional.of(p);
  }

  /**
   * Loads the layered config of a command with {@code --config-path} and optional {@code --param} /
   * {@code --conf} options, for {@code country} (null when the command needs none).
   */
  public static com.typesafe.config.Config loadConfig(Parsed p, String country) {
    return com.kwp.bridge.config.ConfigLoader.load(new com.kwp.bridge.config.ConfigLoader.Request(
        java.nio.file.Path.of(p.require("config-path")), country,
        com.kwp.bridge.config.ConfigLoader.parsePairs("--param", p.all("param")),
        com.kwp.bridge.config.ConfigLoader.parsePairs("--conf", p.all("conf")), System.getenv()));
  }

  /** The usage text of a command. */
  public static String usage(String program, String description, List<Opt> options) {
    return OParser.usage(build(program, description, options));
  }

  private static OParser<?, Map<String, List<String>>> build(String program, String description, List<Opt> options) {
    OParserBuilder<Map<String, List<String>>> b = OParser.builder();
    List<OParser<?, Map<String, List<String>>>> parts = new ArrayList<>();
    parts.add(b.programName(program));
    parts.add(b.head(JavaConverters.asScalaBuffer(List.of(program + ": " + description)).toSeq()));
    for (Opt o : options) {
      OParser<?, Map<String, List<String>>> p;
      if (o.flag()) {
        p = b.opt(o.name(), Read$.MODULE$.unitRead())
            .action((BoxedUnit u, Map<String, List<String>> c) -> with(c, o.name(), "true"));
      } else {
        OParser<String, Map<String, List<String>>> s = b.opt(o.name(), Read$.MODULE$.stringRead())
            .valueName("<" + o.valueName() + ">")
            .action((String v, Map<String, List<String>> c) -> with(c, o.name(), v));
        s = o.required() ? s.required() : s.optional();
        p = o.repeated() ? s.unbounded() : s;
      }
      parts.add(p.text(o.required() ? "(required) " + o.help() : o.help()));
    }
    parts.add(b.help("help").text("print this usage text"));
    return OParser.sequence(parts.get(0), JavaConverters.asScalaBuffer(parts.subList(1, parts.size())).toSeq());
  }

  private static Map<String, List<String>> with(Map<String, List<String>> c, String key, String value) {
    Map<String, List<String>> copy = new HashMap<>(c);
    List<String> values = new ArrayList<>(copy.getOrDefault(key, List.of()));
    values.add(value);
    copy.put(key, List.copyOf(values));
    return Map.copyOf(copy);
  }
}
