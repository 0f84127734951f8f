package dev.statebacked.local.sqs;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.DB;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.collection.immutable.List$;
import scala.util.Either;
import scalikejdbc.ConnectionPool;
import scalikejdbc.ConnectionPool$;

/**
 * SQS on the laptop: ElasticMQ embedded in this JVM, speaking the SDK's JSON protocol on 127.0.0.1, with
 * queues and messages kept in an H2 database under the data directory so that a restart on the same
 * directory finds them again. Queues are created by the caller through the SDK, as in AWS.
 *
 * <p>The parts are assembled here rather than through ElasticMQ's {@code ElasticMQServer}, because that one
 * restores persisted queues in the background after its port is open: a client could then be told that a
 * queue it created yesterday does not exist. Here the port opens only once everything is restored.
 *
 * <p>ElasticMQ reaches its database through scalikejdbc's JVM-wide connection pool, which it initialises only
 * once per JVM. So at most one emulator may be open at a time in a JVM; {@link #start} points the pool at its
 * own directory, which lets tests start, close and restart emulators on different directories.
 */
public final class SqsEmulator implements AutoCloseable {
    /** Same region and account as the rest of the local stack, so queue ARNs look like the template's. */
    public static final String REGION = "us-east-1";

    public static final String ACCOUNT_ID = "000000000000";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicBoolean ONE_OPEN = new AtomicBoolean();

    private final URI endpoint;
    private final ActorSystem actors;
    private final SQSRestServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqsEmulator(URI endpoint, ActorSystem actors, SQSRestServer server) {
        this.endpoint = endpoint;
        this.actors = actors;
        this.server = server;
    }

    /**
     * Starts ElasticMQ on 127.0.0.1 and returns once queues and messages of an earlier run are back.
     *
     * @param dataDir where queues and messages live; created if missing
     * @param port the port to listen on, or 0 for any free one
     * @throws IllegalStateException when another emulator is open in this JVM
     */
    public static SqsEmulator start(Path dataDir, int port) {
        if (!ONE_OPEN.compareAndSet(false, true)) {
            throw new IllegalStateException(
                    "an SqsEmulator is already open in this JVM (ElasticMQ's message store is JVM-wide)");
        }
        ActorSystem actors = null;
        try {
            Files.createDirectories(dataDir);
            // ElasticMQ writes the port into queue URLs before binding, so the port must be known up front
            int boundPort = port == 0 ? anyFreePort() : port;
            SqlQueuePersistenceConfig store = messageStore(dataDir);
            pointConnectionPoolAt(store);

            actors = ActorSystem.create("elasticmq", ConfigFactory.load());
            ActorRef persistence = actors.actorOf(Props.create(
                    SqlQueuePersistenceActor.class, () -> new SqlQueuePersistenceActor(store, List$.MODULE$.empty())));
            ActorRef queueManager = actors.actorOf(Props.create(
                    QueueManagerActor.class,
                    () -> new QueueManagerActor(
                            new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(persistence))));
            restore(persistence, queueManager);

            SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors)
                    .withQueueManagerActor(queueManager)
                    .withQueueEventListener(persistence)
                    .withInterface("127.0.0.1")
                    .withPort(boundPort)
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", boundPort, ""))
                    .withSQSLimits(StrictSQSLimits$.MODULE$)
                    .withAWSRegion(REGION)
                    .withAWSAccountId(ACCOUNT_ID)
                    .start();
            server.waitUntilStarted();
            return new SqsEmulator(URI.create("http://127.0.0.1:" + boundPort), actors, server);
        } catch (IOException e) {
            abandon(actors);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            abandon(actors);
            throw e;
        }
    }

    /** The URL to give the SDK as endpoint override; queue URLs start with it too. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stopAndWait();
        } finally {
            abandon(actors);
        }
    }

    private static SqlQueuePersistenceConfig messageStore(Path dataDir) {
        String jdbcUri = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("messages")
                // each write reaches the file before the SQS call returns: a killed stack loses nothing acknowledged
                + ";WRITE_DELAY=0";
        return new SqlQueuePersistenceConfig(true, "org.h2.Driver", jdbcUri, "", "", false);
    }

    /** ElasticMQ only initialises the pool for the first emulator of the JVM; later ones set it here. */
    private static void pointConnectionPoolAt(SqlQueuePersistenceConfig store) {
        DB.initializeSingleton(store);
        ConnectionPool.singleton(
                store.uri(),
                "",
                "",
                ConnectionPool.singleton$default$4(),
                ConnectionPool.singleton$default$5(store.uri(), "", "", ConnectionPool.singleton$default$4()));
    }

    /** Recreates the stored queues with their messages; waits for it, and fails if ElasticMQ reports errors. */
    private static void restore(ActorRef persistence, ActorRef queueManager) {
        Object result;
        try {
            result = Patterns.ask(persistence, new QueueEvent.Restore(queueManager), STARTUP_TIMEOUT)
                    .toCompletableFuture()
                    .get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restoring SQS queues", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not restore SQS queues", e);
        }
        if (result instanceof Either<?, ?> either && either.isLeft()) {
            throw new IllegalStateException("could not restore SQS queues: " + either);
        }
    }

    /** Stops the actors and closes the database, so that the next start may open another directory. */
    private static void abandon(ActorSystem actors) {
        try {
            if (actors != null) {
                actors.terminate();
                actors.getWhenTerminated().toCompletableFuture().get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // nothing more to do: the actors are on their way down
        } finally {
            ConnectionPool$.MODULE$.close(ConnectionPool.DEFAULT_NAME());
            ONE_OPEN.set(false);
        }
    }

    private static int anyFreePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
