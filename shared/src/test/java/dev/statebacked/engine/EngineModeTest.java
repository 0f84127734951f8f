package dev.statebacked.engine;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

class EngineModeTest {
    @Test
    void optimizingCompilerIsUsedWhenTheJvmHasIt() {
        boolean jvmHasCompiler = ModuleLayer.boot().findModule("jdk.graal.compiler").isPresent()
                && ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+EnableJVMCI");
        System.out.println("JIT: " + Engines.SHARED.jitEnabled() + " (" + Engines.SHARED.implementationName() + ")" + ", compiler module present: " + jvmHasCompiler);
        assertThat(Engines.SHARED.jitEnabled()).isEqualTo(jvmHasCompiler);
    }
}
