package dev.statebacked.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The gateway's port, held from the start of the stack until the gateway binds it. The emulators start in
 * between (seconds) and bind ports the system picks: a port only checked and let go could be handed to one of
 * them, or to another process, before the gateway gets to it.
 */
final class HeldPort implements AutoCloseable {
    private final ServerSocket held;

    private HeldPort(ServerSocket held) {
        this.held = held;
    }

    /** Holds {@code port} on loopback (0: any free port); fails fast on a busy one, before the emulators start. */
    static HeldPort hold(int port) {
        try {
            return new HeldPort(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new LocalStackException(
                    port == 0
                            ? "no free port on the loopback interface: " + e.getMessage()
                            : "port " + port + " is already in use");
        }
    }

    int port() {
        return held.getLocalPort();
    }

    /** Lets the port go, right before the gateway binds it. */
    @Override
    public void close() {
        try {
            held.close();
        } catch (IOException ignored) {
            // a socket that never accepted anything: nothing to clean up
        }
    }
}
