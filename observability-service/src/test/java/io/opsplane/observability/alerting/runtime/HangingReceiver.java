package io.opsplane.observability.alerting.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** A receiver that is down the worst way: it takes every connection on loopback and never answers. */
final class HangingReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new ArrayList<>();

    HangingReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    synchronized (held) {
                        held.add(socket);
                    }
                }
            } catch (IOException closed) {
                // close() ends the loop.
            }
        }, "hanging-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The URL of {@code path} by the name the test configuration admits. */
    String url(String path) {
        return "http://localhost:" + server.getLocalPort() + path;
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (held) {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
