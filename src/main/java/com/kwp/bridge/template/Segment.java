package com.kwp.bridge.template;

/** A piece of a parsed template: fixed text or a placeholder. */
public sealed interface Segment {
  /** Text copied to the output as it is (escapes already undone). */
  record Text(String text) implements Segment {}

  /** {@code {name}} at a position of the given kind; {@code line} is 1-based, for messages. */
  record Placeholder(String name, PlaceholderKind kind, int line) implements Segment {}
}
