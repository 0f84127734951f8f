package dev.statebacked.engine.internal;

import dev.statebacked.engine.EngineSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;

/**
 * What every context of the process shares: the one polyglot {@link Engine} (so parsed and compiled code is
 * reused across contexts), the shipped JavaScript sources, the virtual module file system, the watchdog and
 * the HTTP client behind {@code fetch}.
 */
public final class JsPlatform implements AutoCloseable {
    static final String RESOURCE_DIR = "/dev/statebacked/engine/js/";
    static final String MODULE_MIME = "application/javascript+module";

    final EngineSettings settings;
    final Engine engine;
    final boolean jit;
    final ModuleFileSystem fileSystem;
    final Source prelude;
    final Source bootstrap;
    /** Records what machine code can reach before it runs; see {@code js/pristine.js}. */
    final Source pristine;

    private static final String PRISTINE_NAME = "/sb/pristine.js";

    /**
     * Sources whose statements count against the statement limit: all but {@code pristine.js}, whose restore walks
     * only the objects it recorded before machine code ran (ordinary objects, so no machine code runs inside it) and
     * is bounded by what it recorded. One instance for every context, as a shared engine requires.
     */
    static final Predicate<Source> COUNTED_SOURCES = source -> !source.getName().equals(PRISTINE_NAME);

    final Watchdog watchdog = new Watchdog();
    /** Responses of {@code fetch} larger than this fail rather than fill the heap. */
    static final int MAX_FETCH_BODY = 10 * 1024 * 1024;

    final EgressHttpClient http;
    /** Behind CompressionStream / DecompressionStream; what one stream takes in or inflates to is capped at this. */
    static final int MAX_COMPRESSION_BYTES = 10 * 1024 * 1024;

    final Compression compression = new Compression(MAX_COMPRESSION_BYTES);

    public JsPlatform(EngineSettings settings) {
        this.settings = settings;
        boolean compilerPresent = ModuleLayer.boot()
                        .findModule("jdk.graal.compiler")
                        .isPresent()
                || ModuleLayer.boot().findModule("jdk.internal.vm.compiler").isPresent();
        var builder = Engine.newBuilder("js")
                .out(java.io.OutputStream.nullOutputStream())
                .err(java.io.OutputStream.nullOutputStream());
        // Only silence the "running in interpreted mode" warning when the optimizing compiler is really absent.
        if (!compilerPresent) builder.option("engine.WarnInterpreterOnly", "false");
        this.engine = builder.build();
        this.jit =
                compilerPresent && !engine.getImplementationName().toLowerCase().contains("interpreted");
        var modules = new HashMap<>(XstateModules.sources());
        modules.putAll(Map.of(
                ModuleFileSystem.ROOT + "xstate.mjs",
                resource("xstate.mjs"),
                ModuleFileSystem.STATEBACKED_MACHINE,
                resource("statebacked-machine.mjs"),
                // @statebacked/machine-def holds types only: its runtime module is empty, as the npm package's is
                ModuleFileSystem.STATEBACKED_MACHINE_DEF,
                "export {};\n",
                ModuleFileSystem.ROOT + "runtime.mjs",
                resource("runtime.mjs")));
        this.fileSystem = new ModuleFileSystem(modules);
        this.prelude = Source.newBuilder("js", resource("prelude.js"), "/sb/prelude.js")
                .buildLiteral();
        this.bootstrap = Source.newBuilder("js", """
                import * as runtime from "/sb/runtime.mjs";
                import * as xstate from "%s";
                import * as machine from "/sb/statebacked-machine.mjs";
                import { __sb_modules } from "/sb/xstate.mjs";
                for (const name of ["__statebacked_rt", "__statebaked_rt"]) {
                  Object.defineProperty(globalThis, name, { value: runtime.persistentRuntime, writable: false, configurable: false });
                }
                // what the xstate/lib/* and xstate/es/* modules re-export, for pristine.js to record before machine code
                // runs; read out of the bundle's namespaces, whose getters it would not follow
                const xstateModules = Object.values(__sb_modules).map((namespace) => ({ ...namespace }));
                export { runtime, xstate, machine, xstateModules };
                """.formatted(ModuleFileSystem.XSTATE_FOR_USERS), "/sb/bootstrap.mjs")
                .mimeType(MODULE_MIME)
                .buildLiteral();
        this.pristine =
                Source.newBuilder("js", resource("pristine.js"), PRISTINE_NAME).buildLiteral();
        this.http = new EgressHttpClient(settings.egress(), MAX_FETCH_BODY);
    }

    /** Whether GraalJS runs with its optimizing compiler (else it interprets, several times slower). */
    public boolean jit() {
        return jit;
    }

    /** The polyglot implementation in use, e.g. "Oracle GraalVM" / "GraalVM CE" when compiling, "Interpreted" otherwise. */
    public String implementationName() {
        return engine.getImplementationName();
    }

    public EngineSettings settings() {
        return settings;
    }

    /** A module Source for user code; cached in the shared engine, so each context after the first skips parsing. */
    public Source userModule(String versionId, String code) {
        String safe = versionId.replaceAll("[^A-Za-z0-9_.-]", "_");
        return Source.newBuilder("js", ModuleSpecifiers.rewriteNpmPrefix(code), "/sb/machine/" + safe + ".mjs")
                .mimeType(MODULE_MIME)
                .cached(true)
                .buildLiteral();
    }

    static String resource(String name) {
        try (InputStream in = JsPlatform.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) throw new IllegalStateException("missing engine resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        watchdog.close();
        engine.close(true);
        http.close();
    }
}
