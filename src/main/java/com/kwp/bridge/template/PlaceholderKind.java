package com.kwp.bridge.template;

/** Where a placeholder stands in the SQL, which decides how its value is rendered. */
public enum PlaceholderKind {
  /** Inside a single-quoted string literal: the value is escaped by the dialect. */
  LITERAL,
  /** A name: part of a dotted name or right after FROM/JOIN; plain names stay, others are quoted. */
  IDENTIFIER,
  /** Anywhere else: the value is SQL text (allowed only because it comes from config files). */
  EXPRESSION
}
