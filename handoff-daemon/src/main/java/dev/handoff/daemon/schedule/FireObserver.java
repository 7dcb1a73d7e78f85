package dev.handoff.daemon.schedule;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/** Told of each fire a daemon handles, and of schedules that go: the daemon's metrics listen. */
@API(status = API.Status.INTERNAL)
public interface FireObserver {

    FireObserver NONE = (schedule, lateness) -> {};

    /** A fire of the schedule began {@code lateness} after it was due (zero when on time or early). */
    void fired(String schedule, Duration lateness);

    /** The schedule was deleted: it fires no more under this name. */
    default void deleted(String schedule) {}

    static FireObserver of(BiConsumer<String, Duration> fired, Consumer<String> deleted) {
        return new FireObserver() {
            @Override
            public void fired(String schedule, Duration lateness) {
                fired.accept(schedule, lateness);
            }

            @Override
            public void deleted(String schedule) {
                deleted.accept(schedule);
            }
        };
    }
}
