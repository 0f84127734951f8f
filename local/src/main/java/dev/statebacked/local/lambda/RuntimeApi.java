package dev.statebacked.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API of one execution environment, as the runtime interface client speaks it
 * ({@code /2018-06-01/runtime/...}): the runtime long-polls {@code invocation/next} for work and posts each
 * result back; an init failure or a SnapStart hook failure is posted to {@code init/error} or
 * {@code restore/error}; {@code restore/next} is where a SnapStart runtime waits after its before-checkpoint
 * hooks ran (answered at once: there is no snapshot to take here, only the hooks to run).
 */
final class RuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** One event handed to the runtime, and where its outcome goes. */
    record Pending(
            String requestId, byte[] payload, long deadlineEpochMillis, CompletableFuture<InvocationResult> outcome) {}

    private final HttpServer server;
    private final ExecutorService threads;
    private final String functionArn;
    private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private final Map<String, Pending> handedOut = new ConcurrentHashMap<>();
    /** Completes when the runtime first asks for work: its init phase (and any before-checkpoint hooks) is over. */
    private final CompletableFuture<Void> initialized = new CompletableFuture<>();
    /** Completes when the runtime reports that its init or restore failed, with Lambda's error document. */
    private final CompletableFuture<InvocationResult.Failure> initFailure = new CompletableFuture<>();

    private volatile boolean closed;

    private RuntimeApi(HttpServer server, ExecutorService threads, String functionArn) {
        this.server = server;
        this.threads = threads;
        this.functionArn = functionArn;
    }

    static RuntimeApi start(String functionArn) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService threads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "runtime-api");
                t.setDaemon(true);
                return t;
            });
            RuntimeApi api = new RuntimeApi(server, threads, functionArn);
            server.setExecutor(threads);
            server.createContext(PREFIX, api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve a Lambda Runtime API on the loopback interface", e);
        }
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    CompletableFuture<Void> initialized() {
        return initialized;
    }

    CompletableFuture<InvocationResult.Failure> initFailure() {
        return initFailure;
    }

    /** Queues an event for the runtime; the future completes with what the runtime posts back. */
    Pending submit(byte[] payload, long timeoutMillis) {
        Pending pending = new Pending(
                UUID.randomUUID().toString(),
                payload,
                System.currentTimeMillis() + timeoutMillis,
                new CompletableFuture<>());
        queued.add(pending);
        return pending;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, path, new InvocationResult.Success(body));
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(exchange, path, new InvocationResult.Failure(errorType(exchange, "Function.Unhandled"), body));
            } else if (method.equals("POST") && (path.equals("init/error") || path.equals("restore/error"))) {
                initFailure.complete(new InvocationResult.Failure(errorType(exchange, "Runtime.Unknown"), body));
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("GET") && path.equals("restore/next")) {
                respond(exchange, 200, "");
            } else {
                respond(exchange, 404, "{\"errorMessage\":\"unknown runtime API path " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        initialized.complete(null);
        Pending pending = null;
        try {
            while (pending == null && !closed) {
                pending = queued.poll(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending == null) {
            respond(exchange, 500, "{\"errorMessage\":\"execution environment shutting down\"}");
            return;
        }
        handedOut.put(pending.requestId(), pending);
        var headers = exchange.getResponseHeaders();
        headers.add("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(pending.deadlineEpochMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.add(
                "Lambda-Runtime-Trace-Id",
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                        + pending.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        headers.add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, pending.payload().length == 0 ? -1 : pending.payload().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(pending.payload());
        }
    }

    private void complete(HttpExchange exchange, String path, InvocationResult result) throws IOException {
        String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
        Pending pending = handedOut.remove(requestId);
        if (pending == null) {
            respond(exchange, 400, "{\"errorMessage\":\"unknown request id " + requestId + "\"}");
            return;
        }
        pending.outcome().complete(result);
        respond(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String errorType(HttpExchange exchange, String otherwise) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isBlank() ? otherwise : type;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
