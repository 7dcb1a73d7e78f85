package dev.handoff.daemon.assembly;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Ids of daemons among the replicas of a cluster: the daemon's name ({@code --instance-name}, by
 * default the host name: a Kubernetes pod's name) to tell a person which replica it is, and a random part, since every start is a new member and several
 * daemons may share a host or a JVM. Quartz's own generators use the host and the clock only.
 */
final class InstanceIds {

    /** Quartz's column for it holds 200 characters. */
    private static final int MAX_HOST = 150;

    private InstanceIds() {}

    /** A new id for a daemon of this name: the name and a random part. */
    static String next(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The host name (a Kubernetes pod's name), at most {@value #MAX_HOST} characters. */
    static String host() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "handoff";
            }
        }
        if (host.length() > MAX_HOST) {
            host = host.substring(0, MAX_HOST);
        }
        return host;
    }
}
