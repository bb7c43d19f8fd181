package io.opsplane.deploy.traffic.haproxy;

import io.opsplane.deploy.traffic.ActualServer;
import io.opsplane.deploy.traffic.HaproxyNames;
import io.opsplane.deploy.traffic.ServerStats;
import io.opsplane.deploy.traffic.ServersStateParser;
import io.opsplane.deploy.traffic.ShowStatParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A client of HAProxy's runtime API on its unix socket. Each command uses a connection of its own
 * (HAProxy's non-interactive mode answers one command line and closes), with a deadline, so a
 * stuck HAProxy fails the call instead of hanging it.
 */
public final class HaproxyRuntimeApi {

    /** What HAProxy 2.6 answers when a change command succeeded; {@code set server} answers nothing. */
    private static final Set<String> SUCCESS_ANSWERS = Set.of("", "New server registered.", "Server deleted.");
    private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    /** sun_path holds 108 bytes including the terminating NUL. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private final Path socket;
    private final Duration timeout;

    public HaproxyRuntimeApi(Path socket, Duration timeout) {
        if (socket.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("the admin socket path is longer than the " + MAX_SOCKET_PATH_BYTES
                    + " bytes a unix socket address holds: " + socket.toAbsolutePath());
        }
        this.socket = socket;
        this.timeout = timeout;
    }

    public Path socket() {
        return socket;
    }

    /** Sends one command and returns HAProxy's whole answer. */
    public String execute(String command) {
        // ';' and line breaks separate commands on this socket: one call must stay one command.
        if (command.isBlank() || command.chars().anyMatch(c -> c == ';' || c < ' ')) {
            throw new IllegalArgumentException("not a single runtime-API command: '" + command.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            // Non-blocking from the start: a connect to a socket whose backlog is full would block too.
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                await(selector, deadline, command);
                channel.finishConnect();
            }
            ByteBuffer request = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
            key.interestOps(SelectionKey.OP_WRITE);
            while (request.hasRemaining()) {
                await(selector, deadline, command);
                channel.write(request);
            }
            key.interestOps(SelectionKey.OP_READ);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (true) {
                await(selector, deadline, command);
                int read = channel.read(buffer);
                if (read < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
                if (answer.size() > MAX_ANSWER_BYTES) {
                    throw new UncheckedIOException(new IOException("HAProxy's answer to '" + command + "' exceeds "
                            + MAX_ANSWER_BYTES + " bytes"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy's runtime API at " + socket + " failed on '" + command + "': " + e.getMessage(), e);
        }
    }

    /**
     * Applies change commands in order and stops at the first one HAProxy refuses. What was applied
     * stays applied; the next reconciliation reads the actual state again, so it converges anyway.
     */
    public void apply(List<String> commands) {
        List<String> applied = new ArrayList<>();
        for (String command : commands) {
            String answer = execute(command);
            if (!SUCCESS_ANSWERS.contains(answer.strip())) {
                throw new HaproxyCommandException(command, answer, applied);
            }
            applied.add(command);
        }
    }

    public List<ActualServer> serversState(String backend) {
        return ServersStateParser.parse(execute("show servers state " + HaproxyNames.name("backend", backend)));
    }

    public List<ServerStats> stats() {
        return ShowStatParser.parse(execute("show stat"));
    }

    private void await(Selector selector, long deadline, String command) throws IOException {
        selector.selectedKeys().clear();
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0 || selector.select(remainingMillis) == 0) {
            throw new IOException("no answer to '" + command + "' within " + timeout.toMillis() + " ms");
        }
    }
}
