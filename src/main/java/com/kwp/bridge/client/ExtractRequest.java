package com.kwp.bridge.client;

import com.kwp.bridge.error.ValidationException;
import java.util.List;

/**
 * A "run now" of the deployed extract job, in the job's own parameters (resources/extract.job.yml):
 * {@code countries}, {@code destination}, {@code queries}, {@code overwrite}. What is left null keeps the job's default.
 */
public record ExtractRequest(List<String> countries, String destination, List<String> queries, Boolean overwrite) {
  public ExtractRequest {
    ValidationException.check(countries != null && !countries.isEmpty(), "an extract needs at least one country");
    for (String c : countries) {
      ValidationException.check(c != null && !c.isBlank(), "a country name is empty (give the name of its conf/<Country>.conf)");
    }
    countries = List.copyOf(countries);
    queries = queries == null ? null : List.copyOf(queries);
    if (queries != null) {
      for (String q : queries) {
        // The job parameter is a comma-separated list.
        ValidationException.check(q != null && !q.isBlank() && !q.contains(","), "query name '%s' is empty or has a comma", q);
      }
    }
  }

  public static ExtractRequest of(String... countries) {
    return new ExtractRequest(List.of(countries), null, null, null);
  }

  public ExtractRequest destination(String destination) {
    return new ExtractRequest(countries, destination, queries, overwrite);
  }

  public ExtractRequest queries(String... names) {
    return new ExtractRequest(countries, destination, List.of(names), overwrite);
  }

  public ExtractRequest overwrite(boolean value) {
    return new ExtractRequest(countries, destination, queries, value);
  }
}
