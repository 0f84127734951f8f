package dev.statebacked.local.scheduler;

import com.sun.net.httpserver.HttpServer;
import dev.statebacked.local.sqs.SqsEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * EventBridge Scheduler on the laptop: the subset of its REST-JSON API that the service calls (one-time
 * {@code at(...)} schedules targeting SQS queues, and schedule groups), on 127.0.0.1, with schedules kept in
 * the data directory.
 *
 * <p>Firing: a schedule sends its {@code Target.Input} to the target queue through a real SQS client, then is
 * deleted ({@code ActionAfterCompletion=DELETE}) or kept and never fired again ({@code NONE}). Unlike AWS,
 * which fires within the minute, it fires within a second after its time, which makes timer tests quick.
 * Time is read from the given {@link Clock} every {@value #CHECK_INTERVAL_MILLIS} ms, so a test can move a
 * clock forward and see a schedule fire without waiting; {@link #fireDueSchedules()} fires at once. A schedule
 * whose time passed while the stack was down fires right after start.
 */
public final class SchedulerEmulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchedulerEmulator.class);
    private static final long CHECK_INTERVAL_MILLIS = 100;
    /** A target that could not be reached (queue missing, SQS down) is tried again after this long. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final HttpServer server;
    private final ExecutorService requests;
    private final ScheduledExecutorService firing;
    private final ScheduleStore store;
    private final Clock clock;
    private final SqsClient sqs;
    private final QueueUrls queueUrls;
    /** One firing pass at a time, whether started by the timer, a new schedule or a caller. */
    private final ReentrantLock firingPass = new ReentrantLock();
    /** Schedule id to the System.nanoTime() before which it is not tried again. */
    private final Map<String, Long> retryNotBefore = new ConcurrentHashMap<>();

    private SchedulerEmulator(Path dataDir, int port, URI sqsEndpoint, Clock clock) throws IOException {
        this.clock = clock;
        this.store = ScheduleStore.open(dataDir, clock.instant());
        this.sqs = SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(Region.of(SqsEmulator.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        this.queueUrls = new QueueUrls(sqs);
        this.firing = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("scheduler-firing").factory());
        this.requests = Executors.newFixedThreadPool(
                4, Thread.ofPlatform().daemon().name("scheduler-http-", 0).factory());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", new SchedulerApi(store, clock, this::fireSoon));
        server.setExecutor(requests);
    }

    /**
     * Starts the API and the firing loop; schedules already due fire right away.
     *
     * @param dataDir where schedules live; created if missing
     * @param port the port to listen on, or 0 for any free one
     * @param sqsEndpoint the SQS endpoint that target queues live on
     * @param clock the time that schedules are compared with; tests pass one they can move
     */
    public static SchedulerEmulator start(Path dataDir, int port, URI sqsEndpoint, Clock clock) {
        try {
            SchedulerEmulator emulator = new SchedulerEmulator(dataDir, port, sqsEndpoint, clock);
            emulator.server.start();
            emulator.firing.scheduleWithFixedDelay(
                    emulator::fireQuietly, 0, CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to give the SDK's {@code SchedulerClient} as endpoint override. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Fires every schedule due at the clock's current time and returns how many reached their queue. The
     * emulator does this by itself continuously; a test may call it to not depend on the check interval.
     */
    public int fireDueSchedules() {
        firingPass.lock();
        try {
            Instant now = clock.instant();
            int fired = 0;
            for (Schedule schedule : store.due(now)) {
                Long notBefore = retryNotBefore.get(schedule.id());
                if (notBefore != null && System.nanoTime() - notBefore < 0) {
                    continue;
                }
                if (fire(schedule)) {
                    fired++;
                }
            }
            return fired;
        } finally {
            firingPass.unlock();
        }
    }

    private boolean fire(Schedule schedule) {
        try {
            SendMessageRequest.Builder message = SendMessageRequest.builder()
                    .queueUrl(queueUrls.urlOf(schedule.targetArn()))
                    .messageBody(schedule.input() == null ? "{}" : schedule.input());
            if (schedule.messageGroupId() != null) {
                message.messageGroupId(schedule.messageGroupId());
            }
            sqs.sendMessage(message.build());
        } catch (RuntimeException e) {
            // AWS retries a failed target for up to a day; keeping the schedule and retrying does the same here
            queueUrls.forget(schedule.targetArn());
            retryNotBefore.put(schedule.id(), System.nanoTime() + RETRY_AFTER.toNanos());
            log.warn(
                    "schedule {} could not reach {}; trying again in {} s",
                    schedule.arn(),
                    schedule.targetArn(),
                    RETRY_AFTER.toSeconds(),
                    e);
            return false;
        }
        retryNotBefore.remove(schedule.id());
        store.completed(schedule);
        log.debug("schedule {} fired into {}", schedule.arn(), schedule.targetArn());
        return true;
    }

    /** A schedule created already due fires now rather than at the next check. */
    private void fireSoon() {
        try {
            firing.execute(this::fireQuietly);
        } catch (RejectedExecutionException e) {
            // closing: the schedule is stored and fires after the next start
        }
    }

    private void fireQuietly() {
        try {
            fireDueSchedules();
        } catch (RuntimeException e) {
            // a failed pass must not end the periodic task: the next one tries again
            log.error("firing schedules failed", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
        firing.shutdownNow();
        try {
            firing.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sqs.close();
    }

    /** For tests and diagnostics: the names of the schedules that still exist, as group/name. */
    List<String> scheduleKeys() {
        return store.schedules(s -> true).stream().map(Schedule::key).toList();
    }
}
