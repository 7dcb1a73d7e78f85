package dev.handoff.daemon.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoOptionsTests {

    @Test
    void defaultsToLoopbackPort1337() {
        assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions("127.0.0.1", 1337));
    }

    @Test
    void portAndHostCanBeGiven() {
        assertThat(DemoOptions.parse("--port", "0", "--host", "0.0.0.0")).isEqualTo(new DemoOptions("0.0.0.0", 0));
    }

    @Test
    void wrongArgumentsAreNamed() {
        assertThatThrownBy(() -> DemoOptions.parse("--prot", "1")).hasMessage("unknown option '--prot'");
        assertThatThrownBy(() -> DemoOptions.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--port", "http")).hasMessage("--port 'http' is not a port number (0 to 65535)");
        assertThatThrownBy(() -> DemoOptions.parse("--port", "70000")).hasMessage("--port '70000' is not a port number (0 to 65535)");
    }
}
