package dev.handoff.daemon.fork;

import java.io.Serializable;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

/**
 * A test identifier in plain values. JUnit's own serialized form changes between major versions
 * (JUnit 6 writes version 2 of it, JUnit 5 reads only 1), and a child may run on the suites' own
 * JUnit: these fields mean the same in both.
 *
 * @param parentId null for an engine's root
 * @param type a {@code TestDescriptor.Type} name
 * @param source the class or method it stands for; null for other sources, which the daemon does not read
 */
public record IdentifierForm(
        String uniqueId,
        String parentId,
        String displayName,
        String legacyReportingName,
        String type,
        SourceForm source,
        Set<String> tags)
        implements Serializable {

    /**
     * @param methodName null for a class
     * @param parameterTypes the method's parameter types, comma separated
     */
    public record SourceForm(String className, String methodName, String parameterTypes) implements Serializable {}

    static IdentifierForm of(TestIdentifier identifier) {
        SourceForm source = switch (identifier.getSource().orElse(null)) {
            case MethodSource method ->
                new SourceForm(method.getClassName(), method.getMethodName(), method.getMethodParameterTypes());
            case ClassSource type -> new SourceForm(type.getClassName(), null, null);
            case null, default -> null;
        };
        Set<String> tags = new TreeSet<>();
        identifier.getTags().stream().map(TestTag::getName).forEach(tags::add);
        return new IdentifierForm(
                identifier.getUniqueId(),
                identifier.getParentId().orElse(null),
                identifier.getDisplayName(),
                identifier.getLegacyReportingName(),
                identifier.getType().name(),
                source,
                tags);
    }
}
