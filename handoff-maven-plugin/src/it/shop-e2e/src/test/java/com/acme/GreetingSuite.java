package com.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffContext;
import dev.handoff.api.HandoffSuite;
import org.junit.jupiter.api.Test;

@HandoffSuite(namespace = "acme", maxAttempts = 2)
class GreetingSuite {

    @Test
    void greetsByName(HandoffContext context) {
        context.log("greeting %s", "Ada");
        assertThat(Greeter.greet("Ada")).isEqualTo("Hello, Ada!");
    }

    @Test
    void readsAResourceOfTheTestClasspath() throws Exception {
        try (var in = GreetingSuite.class.getResourceAsStream("/greeting.txt")) {
            assertThat(new String(in.readAllBytes()).strip()).isEqualTo("Hello");
        }
    }
}
