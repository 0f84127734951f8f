package dev.statebacked.realtime;

/** What the service can do to a client's WebSocket connection (API Gateway's management API on AWS). */
public interface ConnectionGateway {
    /** Sends one text message; false when the connection is gone. */
    boolean post(String connectionId, String message);

    /** Closes the connection; nothing happens when it is already gone. */
    void close(String connectionId);
}
