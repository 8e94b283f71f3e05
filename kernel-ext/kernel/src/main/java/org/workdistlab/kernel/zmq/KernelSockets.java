package org.workdistlab.kernel.zmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The kernel's sockets, bound on construction, and the heartbeat echo thread.
 *
 * <h2>Threads</h2>
 * ZeroMQ sockets are not thread-safe, so each socket has one owner: the shell thread receives and replies on
 * shell, the control thread on control, the iopub thread publishes. The one exception, a last reply sent from a
 * JVM shutdown hook while the shell thread is stuck in {@code System.exit}, goes through {@link #sendShell},
 * which is synchronised for that reason. Receives block (no polling loop with sleeps); {@link #close} ends them.
 *
 * <h2>Shutdown</h2>
 * Control and iopub linger up to {@link #FLUSH_LINGER_MS} so that the shutdown reply leaves the process; the
 * other sockets linger 0. Each owner closes its own socket ({@link #closeShell}, {@link #closeControl},
 * {@link #closeIopub}); {@link #close} terminates the context, which wakes blocked receives.
 */
public final class KernelSockets implements AutoCloseable {

    /** How long a closing control or iopub socket may keep sending queued messages. */
    public static final int FLUSH_LINGER_MS = 300;

    private final ZMQ.Context context;
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final Thread heartbeat;
    private final Object shellSendLock = new Object();
    private volatile boolean closed;

    public KernelSockets(ConnectionInfo info) {
        context = ZMQ.context(1);
        try {
            shell = bind(SocketType.ROUTER, info.endpoint(info.shellPort()), 0);
            control = bind(SocketType.ROUTER, info.endpoint(info.controlPort()), FLUSH_LINGER_MS);
            stdin = bind(SocketType.ROUTER, info.endpoint(info.stdinPort()), 0);
            iopub = bind(SocketType.PUB, info.endpoint(info.iopubPort()), FLUSH_LINGER_MS);
            // A cell that prints megabytes must not have its output dropped at the default high-water mark.
            iopub.setSndHWM(100_000);
            ZMQ.Socket hb = bind(SocketType.REP, info.endpoint(info.hbPort()), 0);
            heartbeat = new Thread(() -> echo(hb), "kernel-heartbeat");
            heartbeat.setDaemon(true);
            heartbeat.start();
        } catch (ZMQException e) {
            context.term();
            throw new IllegalStateException("cannot bind kernel sockets on " + info.ip() + ": " + e.getMessage()
                    + " (is another kernel using the same ports?)", e);
        }
    }

    private ZMQ.Socket bind(SocketType type, String endpoint, int lingerMs) {
        ZMQ.Socket s = context.socket(type);
        s.setLinger(lingerMs);
        if (type == SocketType.ROUTER) {
            s.setRouterMandatory(false);
        }
        s.bind(endpoint);
        return s;
    }

    private void echo(ZMQ.Socket hb) {
        try {
            while (!closed) {
                byte[] ping = hb.recv(0);
                if (ping == null) {
                    break;
                }
                hb.send(ping, 0);
            }
        } catch (ZMQException e) {
            // ETERM: the context is closing.
        } finally {
            hb.close();
        }
    }

    /** Blocks until a multipart message arrives on shell; empty once the sockets are closing. Shell thread only. */
    public Optional<List<byte[]>> receiveShell() {
        return receive(shell);
    }

    /** Blocks until a multipart message arrives on control; empty once closing. Control thread only. */
    public Optional<List<byte[]>> receiveControl() {
        return receive(control);
    }

    /** Receives one shell message only if one is already queued (used to abort queued executes). */
    public Optional<List<byte[]>> pollShell() {
        return receive(shell, ZMQ.DONTWAIT);
    }

    public void sendShell(List<byte[]> frames) {
        synchronized (shellSendLock) {
            send(shell, frames);
        }
    }

    /** Control thread only. */
    public void sendControl(List<byte[]> frames) {
        send(control, frames);
    }

    /** The iopub thread only. */
    public void publish(List<byte[]> frames) {
        send(iopub, frames);
    }

    private Optional<List<byte[]>> receive(ZMQ.Socket socket) {
        return receive(socket, 0);
    }

    private Optional<List<byte[]>> receive(ZMQ.Socket socket, int flags) {
        try {
            byte[] first = socket.recv(flags);
            if (first == null) {
                return Optional.empty();
            }
            var frames = new ArrayList<byte[]>(8);
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv(0));
            }
            return Optional.of(frames);
        } catch (ZMQException e) {
            if (closed || e.getErrorCode() == ZMQ.Error.ETERM.getCode()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void send(ZMQ.Socket socket, List<byte[]> frames) {
        if (closed) {
            return;
        }
        try {
            int last = frames.size() - 1;
            for (int i = 0; i < last; i++) {
                socket.send(frames.get(i), ZMQ.SNDMORE);
            }
            socket.send(frames.get(last), 0);
        } catch (ZMQException e) {
            if (!closed) {
                throw e;
            }
        }
    }

    /** Whether {@link #close} has begun. */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the shell socket; the shell thread calls this once {@link #receiveShell} came back empty. */
    public void closeShell() {
        synchronized (shellSendLock) {
            shell.close();
        }
    }

    /** Closes the control socket; its owner calls this after its last send. */
    public void closeControl() {
        control.close();
    }

    /** Closes the iopub socket; the iopub thread calls this after its last publish. */
    public void closeIopub() {
        iopub.close();
    }

    /**
     * Ends the context: threads blocked in a receive wake up empty and close their sockets, and this call returns
     * once every socket is closed (so it may wait for a shell thread that is still running a cell).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stdin.close();
        // Closing a socket under another thread's blocked recv is unsafe in ZeroMQ; terminating the context
        // wakes such receives with ETERM, and each owner then closes its own socket.
        context.term();
    }
}
