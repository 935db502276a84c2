package com.kwp.bridge.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The change version as a Delta commit's userMetadata, and what is not one. */
class ChangeVersionTest {
  @Test
  void roundTripsThroughUserMetadataAndIgnoresOtherText() {
    ChangeVersion v = new ChangeVersion("[Panel DB].dbo.[Ventas 2024]", 1234567890123L);
    assertEquals("bridge-changes/1 version=1234567890123 source=[Panel DB].dbo.[Ventas 2024]", v.toUserMetadata());
    assertEquals(Optional.of(v), ChangeVersion.parse(v.toUserMetadata()));
    assertEquals(Optional.empty(), ChangeVersion.parse(null));
    assertEquals(Optional.empty(), ChangeVersion.parse("nightly load by Ana"));
    assertEquals(Optional.empty(), ChangeVersion.parse("bridge-changes/1 version=x source=dbo.T"));
    assertEquals(Optional.empty(), ChangeVersion.parse("bridge-changes/1 version=12"));
  }
}
