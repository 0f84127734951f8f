package dev.statebacked.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The official npm packages (@statebacked/client, token, machine; esbuild; xstate), installed once per build
 * under target/ from the pinned package.json in test resources: nothing from the npm registry is committed.
 */
public final class NodeInterop {
    private static final Path DIR = Path.of("target", "test-classes", "interop");
    private static boolean installed;

    private NodeInterop() {}

    public record Result(int exitCode, String output) {}

    public static synchronized Path directory() {
        if (!installed) {
            if (!allDependenciesInstalled()) {
                Result install =
                        run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), 300);
                if (install.exitCode() != 0) {
                    throw new IllegalStateException("npm install failed:\n" + install.output());
                }
            }
            installed = true;
        }
        return DIR.toAbsolutePath();
    }

    /** Whether node_modules has every dependency package.json names (a target/ from before may lack a newer one). */
    private static boolean allDependenciesInstalled() {
        try {
            JsonNode dependencies =
                    Json.MAPPER.readTree(DIR.resolve("package.json").toFile()).path("dependencies");
            for (var names = dependencies.fieldNames(); names.hasNext(); ) {
                if (!Files.isDirectory(DIR.resolve("node_modules").resolve(names.next()))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bundles a machine source the way smply does; returns the bundle's path. */
    public static Path bundle(String sourceFileName, String outputFileName, String... external) {
        Path dir = directory();
        Result result = run(
                List.of("node", "bundle.mjs", sourceFileName, outputFileName, String.join(",", external)),
                Map.of(),
                120);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("bundling failed:\n" + result.output());
        }
        return dir.resolve(outputFileName);
    }

    public static Result node(String script, Map<String, String> environment) {
        directory();
        return run(List.of("node", script), environment, 180);
    }

    private static Result run(List<String> command, Map<String, String> environment, int timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .directory(DIR.toFile())
                    .redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
