package dev.statebacked.engine.internal;

import dev.statebacked.engine.EgressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.http.Header;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.client.utils.URIUtils;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.DnsResolver;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.client.LaxRedirectStrategy;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.impl.conn.SystemDefaultDnsResolver;

/**
 * The HTTP client behind machine code's {@code fetch}. Every connection, redirects included, goes to an address
 * the {@link EgressPolicy} accepts: names are resolved here and only the accepted addresses are handed to the
 * socket, so a name cannot resolve to one address when checked and another when connected. No proxy, only
 * {@code http} and {@code https}, a deadline per request and a cap on the response body, read as it streams.
 */
final class EgressHttpClient implements AutoCloseable {
    private static final Duration MAX_CONNECT = Duration.ofSeconds(10);
    private static final int MAX_CONCURRENT_REQUESTS = 64;

    /** A request as machine code made it; headers keep their order and repetitions. */
    record Request(String method, String url, List<Map.Entry<String, String>> headers, byte[] body) {}

    /** A complete response: {@code url} is the one finally answered, after redirects. */
    record Response(int status, String url, Map<String, String> headers, byte[] body) {}

    /** The request was refused or failed; the message is meant for the machine's author. */
    static final class FetchFailed extends IOException {
        FetchFailed(String message) {
            super(message);
        }
    }

    private final CloseableHttpClient client;
    private final ExecutorService requests;
    private final ScheduledExecutorService deadlines;
    private final int maxBodyBytes;

    EgressHttpClient(EgressPolicy policy, int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
                RegistryBuilder.<ConnectionSocketFactory>create()
                        .register("http", PlainConnectionSocketFactory.getSocketFactory())
                        .register("https", SSLConnectionSocketFactory.getSocketFactory())
                        .build(),
                new CheckedDnsResolver(policy));
        connections.setMaxTotal(MAX_CONCURRENT_REQUESTS);
        connections.setDefaultMaxPerRoute(16);
        // HttpClients.custom() ignores the JVM's proxy settings unless asked: a proxy would connect for us, unchecked
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setRedirectStrategy(LaxRedirectStrategy.INSTANCE)
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                MAX_CONCURRENT_REQUESTS,
                MAX_CONCURRENT_REQUESTS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                daemon("statebacked-fetch"));
        pool.allowCoreThreadTimeOut(true);
        this.requests = pool;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("statebacked-fetch-deadline"));
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    /** Sends {@code request}; the future fails with {@link FetchFailed} (refused, too large, timed out, unreachable). */
    CompletableFuture<Response> send(Request request, Duration timeout) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        HttpUriRequest http;
        try {
            http = build(request, timeout);
        } catch (FetchFailed e) {
            result.completeExceptionally(e);
            return result;
        }
        var deadline = deadlines.schedule(
                () -> {
                    if (result.completeExceptionally(
                            new FetchFailed("no complete answer within " + timeout.toMillis() + " ms"))) {
                        http.abort();
                    }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        requests.execute(() -> {
            try {
                result.complete(execute(http));
            } catch (FetchFailed e) {
                result.completeExceptionally(e);
            } catch (IOException | RuntimeException e) {
                // also when the deadline aborted the request: then the result is complete already
                result.completeExceptionally(new FetchFailed(describe(e)));
            } finally {
                deadline.cancel(false);
            }
        });
        return result;
    }

    private HttpUriRequest build(Request request, Duration timeout) throws FetchFailed {
        URI uri;
        try {
            uri = URI.create(request.url());
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("invalid URL " + request.url());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new FetchFailed("only http and https URLs with a host may be fetched: " + request.url());
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        RequestBuilder builder = RequestBuilder.create(request.method())
                .setUri(uri)
                .setConfig(RequestConfig.custom()
                        .setConnectTimeout((int) Math.min(millis, MAX_CONNECT.toMillis()))
                        .setConnectionRequestTimeout(millis)
                        .setSocketTimeout(millis)
                        .setMaxRedirects(20)
                        .setRedirectsEnabled(true)
                        .setRelativeRedirectsAllowed(true)
                        .build());
        request.headers().forEach(h -> builder.addHeader(h.getKey(), h.getValue()));
        if (request.body() != null) {
            builder.setEntity(new ByteArrayEntity(request.body()));
        }
        return builder.build();
    }

    private Response execute(HttpUriRequest http) throws IOException {
        HttpClientContext context = HttpClientContext.create();
        try (var response = client.execute(http, context)) {
            byte[] body = response.getEntity() == null
                    ? new byte[0]
                    : readCapped(response.getEntity().getContent(), http);
            URI answered = http.getURI();
            try {
                answered = URIUtils.resolve(http.getURI(), context.getTargetHost(), context.getRedirectLocations());
            } catch (URISyntaxException ignored) {
                // the request's own URL is the best we can say
            }
            return new Response(response.getStatusLine().getStatusCode(), answered.toString(), headers(response), body);
        }
    }

    private byte[] readCapped(InputStream in, HttpUriRequest http) throws IOException {
        try (in) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                http.abort();
                throw new FetchFailed("response body over " + maxBodyBytes + " bytes");
            }
            return body;
        }
    }

    private static Map<String, String> headers(HttpResponse response) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Header h : response.getAllHeaders()) {
            grouped.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.getValue());
        }
        Map<String, String> joined = new LinkedHashMap<>();
        grouped.forEach((name, values) -> joined.put(name, String.join(", ", values)));
        return joined;
    }

    private static String describe(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof EgressRefused) {
                return cause.getMessage();
            }
        }
        return e.toString();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        requests.shutdownNow();
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException ignored) {
            // closing sockets of a process that is going away
        }
    }

    /** Resolves names as the system does, then keeps only what the policy accepts; nothing accepted is a refusal. */
    private record CheckedDnsResolver(EgressPolicy policy) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            InetAddress[] resolved = SystemDefaultDnsResolver.INSTANCE.resolve(name);
            List<InetAddress> accepted = new ArrayList<>();
            String refusal = null;
            for (InetAddress address : resolved) {
                var why = policy.refusal(name, address);
                if (why.isEmpty()) {
                    accepted.add(address);
                } else if (refusal == null) {
                    refusal = why.get();
                }
            }
            if (accepted.isEmpty()) {
                throw new EgressRefused("refused to connect to " + host + ": " + refusal);
            }
            return accepted.toArray(InetAddress[]::new);
        }
    }

    /** An {@link UnknownHostException}, as the client expects from a resolver, that says why. */
    private static final class EgressRefused extends UnknownHostException {
        EgressRefused(String message) {
            super(message);
        }
    }
}
