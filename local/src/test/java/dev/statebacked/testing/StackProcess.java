package dev.statebacked.testing;

import dev.statebacked.local.LocalCredentials;
import dev.statebacked.local.LocalStack;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A local stack in a JVM of its own, on a data directory, to be killed as a crash kills it: SIGKILL, so no shutdown
 * hook runs, no lease is released and no received message is deleted. A stack started on the same directory
 * afterwards finds what the dead one left.
 */
public final class StackProcess implements AutoCloseable {
    private static final String READY = "stack process ready at ";
    private final Process process;
    private final URI apiUrl;
    private final LocalCredentials credentials;

    private StackProcess(Process process, URI apiUrl, LocalCredentials credentials) {
        this.process = process;
        this.apiUrl = apiUrl;
        this.credentials = credentials;
    }

    /** Starts the stack on {@code dataDir} in a new JVM with this one's classpath and options; returns once it serves. */
    public static StackProcess start(Path dataDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-javaagent") && !option.startsWith("-agentlib"))
                .forEach(command::add);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), StackProcess.class.getName(), dataDir.toString()));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<URI> ready = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("stack-process-output").start(() -> forward(process, ready));
            try {
                URI apiUrl = ready.get(120, TimeUnit.SECONDS);
                return new StackProcess(
                        process, apiUrl, LocalCredentials.read(dataDir).orElseThrow());
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("the stack process did not start", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints the child's output as it comes (reading it also keeps the child from blocking on a full pipe). */
    private static void forward(Process process, CompletableFuture<URI> ready) {
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith(READY)) {
                    ready.complete(URI.create(line.substring(READY.length()).trim()));
                }
                System.out.println("[stack process] " + line);
            }
        } catch (IOException e) {
            // the process died: nothing more to read
        }
        ready.completeExceptionally(new IllegalStateException("the stack process exited before it was ready"));
    }

    public ApiClient admin() {
        return new ApiClient(apiUrl, new TokenSigner(credentials.keyId(), credentials.secret()));
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the stack process did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The child: a stack on the directory {@code args[0]}, until it is killed. */
    public static void main(String[] args) throws InterruptedException {
        LocalStack stack = LocalStack.start(new LocalStack.Options(0, new File(args[0]).toPath()));
        System.out.println(READY + stack.apiUrl());
        Thread.currentThread().join();
    }
}
