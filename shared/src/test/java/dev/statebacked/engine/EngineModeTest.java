package dev.statebacked.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class EngineModeTest {
    @Test
    void optimizingCompilerIsUsedWhenTheJvmHasIt() {
        boolean jvmHasCompiler = ModuleLayer.boot()
                        .findModule("jdk.graal.compiler")
                        .isPresent()
                && ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+EnableJVMCI");
        System.out.println("JIT: " + Engines.SHARED.jitEnabled() + " (" + Engines.SHARED.implementationName() + ")"
                + ", compiler module present: " + jvmHasCompiler);
        assertThat(Engines.SHARED.jitEnabled()).isEqualTo(jvmHasCompiler);
    }

    @Test
    void warmUpRunsTransitionsWithAPromiseServiceAndLeavesNoVersionBehind() {
        try (var engine = MachineEngine.create()) {
            assertThat(engine.warmUp(java.time.Duration.ofMillis(200))).isGreaterThanOrEqualTo(2);
            // the warm-up version was evicted: loading that id again reads the new code
            var v = engine.machine(
                    "__statebacked_warmup",
                    "import { createMachine } from 'xstate'; export default createMachine({ initial: 'z', states: { z: {} } });"
                            + Engines.ALLOW_ALL);
            assertThat(v.initialState(null).state().value().asText()).isEqualTo("z");
        }
    }
}
