package dev.handoff.daemon.demo;

import dev.handoff.daemon.cli.HandoffCommand;
import java.util.stream.Stream;

/**
 * What the samples' {@code demo} profile starts ({@code mvn -Pdemo -pl samples exec:exec@demo}):
 * {@code handoff demo} with the same arguments, such as {@code --port 8080}.
 */
public final class DemoMain {

    private DemoMain() {}

    public static void main(String[] args) {
        HandoffCommand.main(Stream.concat(Stream.of("demo"), Stream.of(args)).toArray(String[]::new));
    }
}
