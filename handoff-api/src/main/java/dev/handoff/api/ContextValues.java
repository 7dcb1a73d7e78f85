package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Where a hook adds context values to the test or run it was called for, such as a link to a
 * ticket or a dashboard. They are stored with the test's latest attempt or with the run, and
 * shown in the API and UI beside the values tests set with {@link HandoffContext#setValue}.
 * Values given after the hook's call returned, or timed out, are ignored.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ContextValues {

    /** Adds or replaces a value; a value the test set under the same key is replaced. */
    void put(String key, String value);
}
