package dev.statebacked.local.gateway;

import org.eclipse.jetty.websocket.api.Session;

/** One accepted WebSocket connection; public because Jetty calls its methods through method handles. */
public final class WebSocketEndpoint implements Session.Listener.AutoDemanding {
    /** What the gateway does on each step of a connection's life. */
    interface Events {
        void opened(Session session);

        void message(String text);

        void closed();
    }

    private final Events events;

    WebSocketEndpoint(Events events) {
        this.events = events;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        events.opened(session);
    }

    @Override
    public void onWebSocketText(String message) {
        events.message(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        events.closed();
    }

    /** A connection that failed (reset by the client, idle too long) is closed; Jetty then reports the close. */
    @Override
    public void onWebSocketError(Throwable cause) {
        // nothing to tell: the close that follows runs $disconnect
    }
}
