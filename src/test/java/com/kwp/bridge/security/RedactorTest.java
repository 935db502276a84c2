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
        Redactor.redactUrl("jdbc:sqlserver://h:1433;databaseName=d;user=u;password=p@ssw0rd;encrypt=true"));
  }

  @Test
  void sqlServerUrlPropertiesAreParsedWithBracesSpacesAndAnyCase() {
    assertEquals("jdbc:sqlserver://h;databaseName=d; password =****;encrypt=true",
        Redactor.redactUrl("jdbc:sqlserver://h;databaseName=d; password = S3cret!;encrypt=true"));
    assertEquals("jdbc:sqlserver://h;password=****;user=u", Redactor.redactUrl("jdbc:sqlserver://h;password={a;b}}c};user=u"));
    assertEquals("jdbc:sqlserver://h;trustStore=/x.jks;trustStorePassword=****;keyStoreSecret=****;PWD=****",
        Redactor.redactUrl("jdbc:sqlserver://h;trustStore=/x.jks;trustStorePassword=ts1;keyStoreSecret=ks2;PWD=p3"));
    assertEquals("jdbc:sqlserver://h;authentication=ActiveDirectoryServicePrincipal;aadSecurePrincipalSecret=****;aadSecurePrincipalId=app",
        Redactor.redactUrl("jdbc:sqlserver://h;authentication=ActiveDirectoryServicePrincipal;aadSecurePrincipalSecret=zz;aadSecurePrincipalId=app"));
    assertEquals("jdbc:sqlserver://h;accessToken=****", Redactor.redactUrl("jdbc:sqlserver://h;accessToken=eyJ0eXAi"));
  }

  @Test
  void queryStringAndUserInfoPasswordsAreMasked() {
    assertEquals("jdbc:postgresql://h/db?user=u&password=****&ssl=true",
        Redactor.redactUrl("jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true"));
    assertEquals("jdbc:postgresql://h/db?sslpassword=****&sslkey=****&sslmode=require",
        Redactor.redactUrl("jdbc:postgresql://h/db?sslpassword=kp&sslkey=/k.pk8&sslmode=require"));
    assertEquals("jdbc:postgresql://u:****@h/db", Redactor.redactUrl("jdbc:postgresql://u:hunter2@h/db"));
    assertEquals("jdbc:postgresql://h/db", Redactor.redactUrl("jdbc:postgresql://h/db"));
  }

  @Test
  void freeTextIsMaskedToo() {
    String text = "Connection to jdbc:sqlserver://h;user=u; password = Zq9!x;db=d failed; keyStoreSecret={x;y} and \"clientSecret\":\"abc\"";
    String out = Redactor.redactText(text);
    for (String secret : List.of("Zq9!x", "{x;y}", "abc")) {
      assertFalse(out.contains(secret), out);
    }
    assertTrue(out.contains("user=u") && out.contains("db=d"), out);
    assertEquals("duplicate keys [code]", Redactor.redactText("duplicate keys [code]"));
  }

  @Test
  void secretKeysAreRecognised() {
    for (String k : List.of("source.password", "SQLSERVER_PASSWORD", "target.properties.accessToken", "sslpassword", "trustStorePassword",
        "keyStoreSecret", "source.properties.aadSecurePrincipalSecret", "PWD", "api_token", "sslkey")) {
      assertTrue(Redactor.isSecretKey(k), k);
    }
    for (String k : List.of("source.host", "params.keys", "extract.queries.q.keys", "user", "databaseName")) {
      assertFalse(Redactor.isSecretKey(k), k);
    }
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
