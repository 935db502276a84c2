package com.kwp.bridge.extract;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.OutputFormat;
import com.kwp.bridge.lake.Destination;
import com.kwp.bridge.template.TemplateParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Everything one ExtractJob run needs, parsed and validated at the edge. */
public record ExtractRequest(
    String runId,
    String country,
    Path queriesDir,
    List<String> queries,
    Destination destination,
    ConnectionConfig source,
    TemplateParams params,
    ExtractConfig config,
    Optional<OutputFormat> formatOverride,
    boolean overwrite) {

  public ExtractRequest {
    queries = List.copyOf(queries);
  }
}
