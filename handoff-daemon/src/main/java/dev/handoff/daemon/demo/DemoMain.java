package dev.handoff.daemon.demo;

import dev.handoff.daemon.cli.HandoffCommand;
import java.util.stream.Stream;

/**
 * What the samples' {@code demo} profile starts ({@code mvn -Pdemo -pl samples exec:exec@demo}):
 * {@code handoff demo} with the same arguments, such as {@code --port 8080}, marked as started by
 * Maven so that a busy port is answered with the Maven way to pick another.
 */
public final class DemoMain {

    private DemoMain() {}

    public static void main(String[] args) {
        HandoffCommand.main(Stream.concat(Stream.of("demo", "--from-maven"), Stream.of(args))
                .toArray(String[]::new));
    }
}
