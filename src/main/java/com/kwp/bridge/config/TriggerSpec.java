package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.Serializable;
import java.time.Duration;

/** When SyncJob's stream runs: everything pending then stop, or every {@code interval}. */
public record TriggerSpec(boolean availableNow, Duration interval) implements Serializable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  public static TriggerSpec availableNowTrigger() {
    return new TriggerSpec(true, Duration.ZERO);
  }

  /** {@code available-now}, {@code interval} (10 s) or {@code interval:<duration>} such as {@code interval:30s}. */
  public static TriggerSpec parse(String text) {
    String t = text.trim();
    if (t.equals("available-now")) {
      return availableNowTrigger();
    }
    if (t.equals("interval")) {
      return new TriggerSpec(false, DEFAULT_INTERVAL);
    }
    if (t.startsWith("interval:")) {
      try {
        Duration d = ConfigFactory.parseString("d = \"" + t.substring("interval:".length()).replace("\"", "") + "\"").getDuration("d");
        ConfigException.check(!d.isNegative() && !d.isZero(), "trigger interval must be positive, got '%s'", text);
        return new TriggerSpec(false, d);
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException("trigger '" + text + "': the interval is not a duration (write e.g. interval:10s).", e);
      }
    }
    throw new ConfigException("sync.trigger must be available-now or interval:<duration> (e.g. interval:10s), got '" + text + "'.");
  }

  @Override
  public String toString() {
    return availableNow ? "available-now" : "interval:" + interval.toMillis() + "ms";
  }
}
