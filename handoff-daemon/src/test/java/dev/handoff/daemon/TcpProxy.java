package dev.handoff.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 in front of a server (the tests' PostgreSQL): {@link #cut()} closes
 * every connection through it and refuses new ones, as a database host that went away does;
 * {@link #restore()} listens again on the same port, as the host coming back. Connections are
 * piped by virtual threads, two per connection.
 */
final class TcpProxy implements AutoCloseable {

    private final int target;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listening;

    private TcpProxy(int target, ServerSocket listening) {
        this.target = target;
        this.listening = listening;
        this.port = listening.getLocalPort();
        accept(listening);
    }

    /** A proxy on a free port of 127.0.0.1 to {@code 127.0.0.1:target}. */
    static TcpProxy to(int target) {
        try {
            return new TcpProxy(target, bound(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Closes the listening socket and every connection through the proxy. */
    synchronized void cut() {
        closeQuietly(listening);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Listens again on the same port, unless it listens already. */
    synchronized void restore() {
        if (!listening.isClosed()) {
            return;
        }
        try {
            listening = bound(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port + " again", e);
        }
        accept(listening);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket bound(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket server) {
        Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(upstream);
                    if (server.isClosed()) {
                        // cut() came between the accept and the adds
                        closeQuietly(client);
                        closeQuietly(upstream);
                        return;
                    }
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException e) {
                    // closed by cut(), or the target refused: the client sees its connection end
                }
            }
        });
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            // already closed
        }
    }
}
