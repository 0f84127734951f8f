package dev.statebacked.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda service's Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}, RequestResponse), as the
 * SDK's {@code LambdaClient} calls it: the functions of the stack by name, ARN or {@code name:qualifier}. A
 * function's error is answered as Lambda answers it: status 200, {@code X-Amz-Function-Error: Unhandled}, the
 * error document as the payload. A caller that stops waiting does not stop the invocation.
 */
public final class LambdaInvokeApi implements AutoCloseable {
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Function<byte[], InvocationResult>> functions = new ConcurrentHashMap<>();

    private LambdaInvokeApi(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static LambdaInvokeApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            // one thread per invocation in flight: invocations block for as long as the function runs
            ExecutorService threads = Executors.newThreadPerTaskExecutor(
                    Thread.ofPlatform().daemon().name("lambda-invoke-", 0).factory());
            LambdaInvokeApi api = new LambdaInvokeApi(server, threads);
            server.setExecutor(threads);
            server.createContext("/", api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve the Lambda Invoke API on the loopback interface", e);
        }
    }

    /** Where the SDK finds it: {@code AWS_ENDPOINT_URL_LAMBDA}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Makes {@code name} invocable; {@code function} runs one invocation. */
    public void register(String name, Function<byte[], InvocationResult> function) {
        functions.put(name, function);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] payload;
            try (InputStream in = exchange.getRequestBody()) {
                payload = in.readAllBytes();
            }
            Matcher matcher = INVOKE.matcher(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("POST") || !matcher.matches()) {
                error(exchange, 404, "UnknownOperationException", "not an Invoke request: " + exchange.getRequestURI());
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if (type != null && !type.equals("RequestResponse")) {
                error(
                        exchange,
                        400,
                        "InvalidParameterValueException",
                        "only RequestResponse invocations are played locally");
                return;
            }
            String name = functionName(URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8));
            Function<byte[], InvocationResult> function = functions.get(name);
            if (function == null) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + name);
                return;
            }
            switch (function.apply(payload)) {
                case InvocationResult.Success success -> respond(exchange, 200, success.payload(), false);
                case InvocationResult.Failure failure -> respond(exchange, 200, failure.payload(), true);
            }
        }
    }

    /** {@code arn:aws:lambda:region:account:function:name[:qualifier]} or {@code name[:qualifier]} gives {@code name}. */
    static String functionName(String reference) {
        String name = reference.startsWith("arn:")
                ? reference.split(":")[6]
                : reference.split(":")[0];
        return name;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, boolean functionError)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Amz-Executed-Version", "1");
        if (functionError) {
            exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException ignored) {
            // the caller stopped waiting; the invocation ran all the same, as on Lambda
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        String body = "{\"Type\":\"User\",\"message\":\"" + message.replace("\"", "'") + "\"}";
        respond(exchange, status, body.getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
