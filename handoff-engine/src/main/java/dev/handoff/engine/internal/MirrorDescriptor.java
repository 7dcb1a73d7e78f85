package dev.handoff.engine.internal;

import java.util.Set;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * What platform listeners see of one Jupiter descriptor in one attempt: the same display name,
 * source, type and tags, under the suite's unique id. The engine keeps its own tree of these so
 * that it decides which events reach Surefire and IDEs (attempts, soft failures, timeouts), while
 * Jupiter executes its own tree underneath.
 */
final class MirrorDescriptor extends AbstractTestDescriptor {

    private final Type type;
    private final Set<TestTag> tags;
    private final String legacyReportingName;
    private final boolean mayRegisterTests;

    MirrorDescriptor(UniqueId uniqueId, String displayName, TestDescriptor jupiter) {
        super(uniqueId, displayName, jupiter.getSource().orElse(null));
        this.type = jupiter.getType();
        this.tags = jupiter.getTags();
        this.legacyReportingName = jupiter.getLegacyReportingName();
        this.mayRegisterTests = jupiter.mayRegisterTests();
    }

    @Override
    public Type getType() {
        return type;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    public String getLegacyReportingName() {
        return legacyReportingName;
    }

    @Override
    public boolean mayRegisterTests() {
        return mayRegisterTests;
    }
}
