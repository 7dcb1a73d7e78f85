package dev.handoff.daemon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The caps on open event streams: per client address (429) and in all (503). */
class EventStreamSlotsTests {

    @Test
    void aClientBeyondItsStreamsGets429AndAStreamClosedMakesRoom() {
        EventStreamSlots slots = new EventStreamSlots(2, 10);
        EventStreamSlots.Slot first = slots.take("10.0.0.1");
        slots.take("10.0.0.1");

        assertThatThrownBy(() -> slots.take("10.0.0.1")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status().code()).isEqualTo(429);
            assertThat(e.getMessage()).contains("2 runs' events");
        });
        assertThat(slots.take("10.0.0.2"))
                .as("another client still gets a stream")
                .isNotNull();
        first.close();
        first.close();
        assertThat(slots.take("10.0.0.1")).isNotNull();
        assertThatThrownBy(() -> slots.take("10.0.0.1")).isInstanceOf(ProblemException.class);
    }

    @Test
    void beyondTheDaemonsStreamsEveryoneGets503() {
        EventStreamSlots slots = new EventStreamSlots(2, 3);
        slots.take("a");
        slots.take("b");
        EventStreamSlots.Slot third = slots.take("c");

        assertThatThrownBy(() -> slots.take("d"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.status().code()).isEqualTo(503));
        third.close();
        assertThat(slots.take("d")).isNotNull();
    }
}
