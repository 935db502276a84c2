package com.kwp.bridge.client;

import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.jobs.ListJobsRequest;
import com.kwp.bridge.error.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds a deployed job: by the id given in configuration, else by the name the bundle gives it in the target
 * ({@code bridge-extract}; in development {@code [dev <short name>] bridge-extract}), through jobs/list's name filter.
 */
final class JobLocator {
  /** A job as found, with the setting that would have named it (for messages). */
  record Found(long id, String name) {}

  private final JobsAPI jobs;
  private final boolean developmentTarget;
  private final Supplier<String> currentUserName;

  JobLocator(JobsAPI jobs, boolean developmentTarget, Supplier<String> currentUserName) {
    this.jobs = jobs;
    this.developmentTarget = developmentTarget;
    this.currentUserName = currentUserName;
  }

  /** {@code idSetting} names the environment variable that holds an id, for the "not found" advice. */
  Found find(String bundleName, Long configuredId, String idSetting) {
    if (configuredId != null) {
      return new Found(configuredId, bundleName + " (id " + configuredId + " from " + idSetting + ")");
    }
    String name = developmentTarget ? devPrefix(currentUserName.get()) + bundleName : bundleName;
    RemoteErrors.Target target = new RemoteErrors.Target("job '" + name + "'", "CAN_VIEW",
        "deploy the bundle (databricks bundle deploy) or set " + idSetting);
    List<BaseJob> matches = RemoteErrors.call(target, () -> {
      List<BaseJob> found = new ArrayList<>();
      for (BaseJob j : jobs.list(new ListJobsRequest().setName(name).setLimit(25L))) {
        found.add(j);
      }
      return found;
    });
    if (matches.isEmpty()) {
      throw new RemoteNotFoundException(null, 0, "job '" + name + "' not found in the workspace (or not visible to the caller):"
          + " deploy the bundle" + (developmentTarget ? " (databricks bundle deploy -t dev)" : " (databricks bundle deploy -t prod)")
          + ", grant the service principal CAN_VIEW on it, or set " + idSetting, null);
    }
    ConfigException.check(matches.size() == 1, "%d jobs are named '%s'; set %s to the one to use", matches.size(), name, idSetting);
    return new Found(matches.get(0).getJobId(), name + " (id " + matches.get(0).getJobId() + ")");
  }

  /**
   * The prefix development mode gives names: "[dev " + the user name before '@', every character other than a
   * letter or digit replaced by '_' + "] " (as in the bundle's {@code workspace.current_user.short_name}).
   */
  static String devPrefix(String userName) {
    String local = userName.contains("@") ? userName.substring(0, userName.indexOf('@')) : userName;
    return "[dev " + local.replaceAll("[^A-Za-z0-9]", "_") + "] ";
  }
}
