package dev.statebacked.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Fails fast on a busy port, before the emulators spend seconds starting. */
final class PortCheck {
    private PortCheck() {
    }

    /** A port nobody listens on now, for callers that let the stack choose. */
    static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("no free port on the loopback interface: " + e.getMessage());
        }
    }

    static void requireFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new LocalStackException("port " + port + " is already in use");
        }
    }
}
