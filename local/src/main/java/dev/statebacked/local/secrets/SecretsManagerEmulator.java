package dev.statebacked.local.secrets;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * AWS Secrets Manager on the laptop: the JSON 1.1 subset that the service calls (CreateSecret, GetSecretValue of
 * string secrets), on 127.0.0.1, with the secrets kept in the data directory so that a restart reads the same
 * values. The functions read the master key through it with the real SDK client, as they do on Lambda.
 */
public final class SecretsManagerEmulator implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService requests;

    private SecretsManagerEmulator(Path dataDir, int port, Clock clock) throws IOException {
        this.requests = Executors.newFixedThreadPool(
                2, Thread.ofPlatform().daemon().name("secretsmanager-http-", 0).factory());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", new SecretsManagerApi(SecretStore.open(dataDir), clock));
        server.setExecutor(requests);
    }

    /**
     * Starts serving.
     *
     * @param dataDir where secrets live; created if missing
     * @param port the port to listen on, or 0 for any free one
     */
    public static SecretsManagerEmulator start(Path dataDir, int port) {
        try {
            SecretsManagerEmulator emulator = new SecretsManagerEmulator(dataDir, port, Clock.systemUTC());
            emulator.server.start();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to give the SDK's {@code SecretsManagerClient} as endpoint override. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
    }
}
