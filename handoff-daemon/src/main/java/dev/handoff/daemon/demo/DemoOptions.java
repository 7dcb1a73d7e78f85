package dev.handoff.daemon.demo;

/** The demo's command line: {@code [--port N] [--host ADDRESS]}. */
record DemoOptions(String host, int port) {

    static final String USAGE = "usage: DemoMain [--port N] [--host ADDRESS]  (defaults: --port 1337 --host 127.0.0.1; --port 0 picks a free port)";

    /** @throws IllegalArgumentException naming the option that is wrong */
    static DemoOptions parse(String... args) {
        String host = "127.0.0.1";
        int port = 1337;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.equals("--port") && !option.equals("--host")) {
                throw new IllegalArgumentException("unknown option '" + option + "'");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            if (option.equals("--host")) {
                host = value;
            } else {
                port = port(value);
            }
        }
        return new DemoOptions(host, port);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException("--port '" + value + "' is not a port number (0 to 65535)");
    }
}
