package dev.handoff.daemon.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a request's {@code Host} header may give: the names and addresses this daemon is reached
 * as. A browser tricked by DNS rebinding (a site's name that first resolves to the attacker and then
 * to this daemon's address) sends the attacker's name, which is not one of them, so its requests
 * are refused before the cross-site check could be fooled.
 *
 * <p>Always accepted: {@code localhost} and names under {@code .localhost}, this machine's host
 * name and the addresses of its network interfaces, the host of {@code --public-url} and, in
 * Kubernetes, the names of this namespace's Services whose name contains {@code handoff} (from
 * the {@code <NAME>_SERVICE_HOST} variables Kubernetes sets), short and qualified. {@code
 * --allowed-hosts} adds names; {@code *} turns the check off.
 *
 * @param names lower-case host names and address literals (IPv6 without brackets)
 * @param any whether any host is accepted ({@code *})
 */
public record AllowedHosts(Set<String> names, boolean any) {

    private static final System.Logger LOG = System.getLogger(AllowedHosts.class.getName());
    private static final Path NAMESPACE_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    public AllowedHosts {
        names = Collections.unmodifiableSet(new TreeSet<>(names));
    }

    /** Only the always-accepted names, without a public URL or names of one's own. */
    public static AllowedHosts local() {
        return of(Set.of(), Optional.empty(), System.getenv());
    }

    /**
     * The always-accepted names plus {@code extra}.
     *
     * @param extra names given by {@code --allowed-hosts}; {@code *} accepts any host
     * @param publicUrl where people reach the daemon, whose host is accepted
     * @param environment the process's environment, where Kubernetes names the Services
     */
    public static AllowedHosts of(Collection<String> extra, Optional<URI> publicUrl, Map<String, String> environment) {
        Set<String> names = new TreeSet<>();
        names.add("localhost");
        extra.stream().map(AllowedHosts::normalized).forEach(names::add);
        publicUrl.map(URI::getHost).map(AllowedHosts::normalized).ifPresent(names::add);
        addMachine(names);
        addKubernetesServices(names, environment);
        return new AllowedHosts(names, names.contains("*"));
    }

    /** Whether a request with this {@code Host} header is for this daemon; a request without one is. */
    public boolean accepts(Optional<String> hostHeader) {
        if (any || hostHeader.isEmpty()) {
            return true;
        }
        String host = hostOf(hostHeader.get());
        return names.contains(host) || host.endsWith(".localhost");
    }

    /** The host of a {@code Host} header: without port and brackets, lower case, without a final dot. */
    static String hostOf(String header) {
        String value = header.strip();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return normalized(end < 0 ? value.substring(1) : value.substring(1, end));
        }
        int colon = value.lastIndexOf(':');
        return normalized(colon < 0 ? value : value.substring(0, colon));
    }

    private static String normalized(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        int zone = name.indexOf('%');
        if (zone >= 0) {
            name = name.substring(0, zone);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static void addMachine(Set<String> names) {
        try {
            names.add(normalized(InetAddress.getLocalHost().getHostName()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "this machine's host name is unknown: " + e.getMessage());
        }
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    names.add(normalized(address.getHostAddress()));
                }
            }
        } catch (SocketException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list this machine's addresses: " + e.getMessage());
        }
        names.add("127.0.0.1");
        names.add("0:0:0:0:0:0:0:1");
        names.add("::1");
    }

    private static void addKubernetesServices(Set<String> names, Map<String, String> environment) {
        if (!environment.containsKey("KUBERNETES_SERVICE_HOST")) {
            return;
        }
        Optional<String> namespace = namespace();
        environment.forEach((key, value) -> {
            if (!key.endsWith("_SERVICE_HOST") || !key.toLowerCase(Locale.ROOT).contains("handoff")) {
                return;
            }
            String service = key.substring(0, key.length() - "_SERVICE_HOST".length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '-');
            names.add(service);
            names.add(normalized(value));
            namespace.ifPresent(ns -> {
                names.add(service + "." + ns);
                names.add(service + "." + ns + ".svc");
                names.add(service + "." + ns + ".svc.cluster.local");
            });
        });
    }

    private static Optional<String> namespace() {
        try {
            return Files.isReadable(NAMESPACE_FILE)
                    ? Optional.of(Files.readString(NAMESPACE_FILE).strip()).filter(ns -> !ns.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
