package dev.statebacked.engine;

import static dev.statebacked.engine.Engines.event;
import static dev.statebacked.engine.Engines.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Hostile or broken machine code: each failure is a typed error, and the same version keeps working. */
class SandboxTest {
    /** Transitions on HOSTILE run the given guard body; on OK they just work, to show the version still serves. */
    private static MachineVersion machineWithGuard(String guardBody) {
        return Engines.machine("""
                export default createMachine({ initial: 'a', context: { n: 0 }, states: { a: { on: {
                  HOSTILE: { target: 'b', cond: (c, e) => { %s } },
                  OK: { actions: assign({ n: (c) => c.n + 1 }) } } }, b: {} } });""".formatted(guardBody));
    }

    private static void assertNextCallWorks(MachineVersion v) {
        var t = v.transition(v.initialState(null).state(), event("OK"));
        assertThat(t.state().context().get("n").asInt()).isEqualTo(1);
    }

    @Test
    void infiniteLoopIsStoppedAsTimeoutAndTheVersionKeepsWorking() {
        var v = machineWithGuard("while (true) {} ");
        long start = System.nanoTime();
        assertThatThrownBy(() -> v.transition(v.initialState(null).state(), event("HOSTILE")))
                .isInstanceOf(UserCodeTimeout.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertNextCallWorks(v);
    }

    @Test
    void statementLimitStopsARunawayLoopBeforeTheTimeout() {
        try (var engine = MachineEngine.create(
                EngineSettings.defaults().withStatementLimit(1_000_000).withCallTimeout(Duration.ofSeconds(30)))) {
            var v = engine.machine("loop", """
                    import { createMachine } from 'xstate';
                    export default createMachine({ initial: 'a', states: { a: { on: { GO: { target: 'a', cond: () => { for (;;) {} } }, OK: 'b' } }, b: {} } });
                    export const allowRead = () => true; export const allowWrite = () => true;""");
            long start = System.nanoTime();
            assertThatThrownBy(() -> v.transition(v.initialState(null).state(), event("GO")))
                    .isInstanceOf(UserCodeLimitExceeded.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(v.transition(v.initialState(null).state(), event("OK"))
                            .state()
                            .value()
                            .asText())
                    .isEqualTo("b");
        }
    }

    @Test
    void throwingGuardIsAUserCodeErrorWithMessageAndStack() {
        var v = machineWithGuard("throw new Error('guard exploded');");
        assertThatThrownBy(() -> v.transition(v.initialState(null).state(), event("HOSTILE")))
                .isInstanceOfSatisfying(UserCodeError.class, e -> {
                    assertThat(e.jsMessage()).contains("guard exploded");
                    assertThat(e.jsStack()).contains("guard exploded").contains(".mjs");
                });
        assertNextCallWorks(v);
    }

    @Test
    void urlsWriteEverySpellingOfAnIpv4AddressInDottedDecimalAsTheUrlStandardDoes() {
        var v = Engines.machine("""
                const hosts = ["http://127.1/", "http://0x7f000001/", "http://2130706433/", "http://0177.0.0.1/",
                  "http://127.0.0.1./", "http://example.com/", "http://[::1]/"].map((u) => new URL(u).hostname);
                let refused = false;
                try { new URL("http://256.256.256.256/"); } catch (e) { refused = e instanceof TypeError; }
                export default createMachine({ initial: 'a', context: { hosts, refused }, states: { a: {} } });""");
        var context = v.initialState(null).state().context();
        assertThat(context.get("hosts"))
                .map(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly(
                        "127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1", "example.com", "[::1]");
        assertThat(context.get("refused").asBoolean())
                .as("an out-of-range address is an invalid URL")
                .isTrue();
    }

    @Test
    void codeThatAllocatesPastTheMemoryBudgetIsStoppedWithALimitErrorAndTheVersionKeepsWorking() {
        try (var engine = MachineEngine.create(EngineSettings.defaults()
                .withMemoryPerSession(64L * 1024 * 1024)
                .withCallTimeout(Duration.ofSeconds(30)))) {
            var v = engine.machine("hoarder", """
                    import { createMachine } from 'xstate';
                    const hoard = [];
                    export default createMachine({ initial: 'a', states: { a: { on: {
                      HOARD: { target: 'a', cond: () => { for (;;) hoard.push(new Array(1 << 20).fill(hoard.length)); } },
                      OK: 'b' } }, b: {} } });
                    export const allowRead = () => true; export const allowWrite = () => true;""");
            assertThatThrownBy(() -> v.transition(v.initialState(null).state(), event("HOARD")))
                    .isInstanceOf(UserCodeLimitExceeded.class)
                    .hasMessageContaining("64 MiB");
            assertThat(v.transition(v.initialState(null).state(), event("OK"))
                            .state()
                            .value()
                            .asText())
                    .isEqualTo("b");
        }
    }

    @Test
    void javaTypeIsNotAvailable() {
        var v = machineWithGuard("return Java.type('java.lang.System') != null;");
        assertThatThrownBy(() -> v.transition(v.initialState(null).state(), event("HOSTILE")))
                .isInstanceOfSatisfying(
                        UserCodeError.class, e -> assertThat(e.jsMessage()).contains("Java"));
        assertNextCallWorks(v);
    }

    @Test
    void requireIsNotDefined() {
        var v = machineWithGuard("return require('fs') != null;");
        assertThatThrownBy(() -> v.transition(v.initialState(null).state(), event("HOSTILE")))
                .isInstanceOfSatisfying(
                        UserCodeError.class, e -> assertThat(e.jsMessage()).contains("require"));
        assertNextCallWorks(v);
    }

    @Test
    void dynamicImportOfFsFailsNamingTheSpecifier() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', states: { a: { invoke: { src: () => import('fs'), onDone: 'imported', onError: 'refused' } }, imported: {}, refused: {} } });""");
        try (var s = v.openSession()) {
            var t = Engines.settle(s, s.initialState(null), Duration.ofSeconds(5));
            assertThat(t.state().value().asText()).isEqualTo("refused");
        }
    }

    @Test
    void staticImportOfFsIsAnInvalidModuleNamingTheSpecifier() {
        assertThatThrownBy(
                        () -> Engines.rawModule(
                                "import fs from 'fs';\nimport { createMachine } from 'xstate';\nexport default createMachine({});"))
                .isInstanceOfSatisfying(
                        InvalidModuleError.class,
                        e -> assertThat(e.getMessage()).contains("'fs'"));
        assertThatThrownBy(() -> Engines.rawModule("import x from 'left-pad';\nexport default x;"))
                .isInstanceOfSatisfying(
                        InvalidModuleError.class,
                        e -> assertThat(e.getMessage()).contains("'left-pad'"));
    }

    @Test
    void processOnlyExposesProductionNodeEnv() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { env: process.env.NODE_ENV, keys: Object.keys(process.env), hasExit: typeof process.exit }, states: { a: {} } });""");
        assertThat(v.initialState(null).state().context())
                .isEqualTo(json("{'env':'production','keys':['NODE_ENV'],'hasExit':'undefined'}"));
    }

    @Test
    void fiftyMegabyteStringInContextIsRejectedAsTooLargeAndTheVersionKeepsWorking() {
        // its own engine with a generous call limit: on a loaded machine, building 50 MB may take seconds,
        // and this test is about the size rule, not the timeout
        try (var engine = MachineEngine.create(EngineSettings.defaults().withCallTimeout(Duration.ofSeconds(60)))) {
            var v = engine.machine("big", """
                    import { createMachine, assign } from 'xstate';
                    export default createMachine({ initial: 'a', context: { n: 0, big: '' }, states: { a: { on: {
                      HOSTILE: { actions: assign({ big: () => 'x'.repeat(50 * 1024 * 1024) }) },
                      OK: { actions: assign({ n: (c) => c.n + 1 }) } } } } });""" + Engines.ALLOW_ALL);
            assertThatThrownBy(() -> v.transition(v.initialState(null).state(), event("HOSTILE")))
                    .isInstanceOfSatisfying(
                            ContextTooLargeError.class,
                            e -> assertThat(e.sizeBytes()).isGreaterThanOrEqualTo(50L * 1024 * 1024));
            assertNextCallWorks(v);
        }
    }

    @Test
    void contextJustOverTheLimitIsRejectedByUtf8Size() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { s: '' }, states: { a: { on: {
                  BIG: { actions: assign({ s: () => 'é'.repeat(220 * 1024) }) } } } } });""");
        // 220 K characters fit the character count but not 400 KB of UTF-8 (é is 2 bytes)
        assertThatThrownBy(() -> v.transition(v.initialState(null).state(), event("BIG")))
                .isInstanceOf(ContextTooLargeError.class);
    }

    @Test
    void nonJsonContextIsATypedError() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { n: 0, items: [{ a: 1 }, { b: [1, 2] }] }, states: { a: { on: {
                  MAP: { actions: assign({ m: () => new Map() }) },
                  NESTED: { actions: assign({ items: (c) => [...c.items.slice(0, 1), { b: [1, new Set()] }] }) },
                  FN: { actions: assign({ f: () => () => 1 }) },
                  NAN: { actions: assign({ n: () => NaN }) },
                  OK: { actions: assign({ n: (c) => c.n + 1 }) } } } } });""");
        for (String type : new String[] {"MAP", "FN", "NAN", "NESTED"}) {
            assertThatThrownBy(() ->
                            v.transition(Engines.roundTrip(v.initialState(null).state()), event(type)))
                    .as(type)
                    .isInstanceOf(NonJsonContextError.class);
        }
        assertNextCallWorks(v);
    }

    @Test
    void hugeLogLinesAreTruncated() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', states: { a: { on: { GO: { actions: () => console.log('y'.repeat(1000000)) } } } } });""");
        try (var s = v.openSession()) {
            s.runEffects(s.transition(s.initialState(null).state(), event("GO")));
            assertThat(s.drainLogs())
                    .singleElement()
                    .satisfies(l -> assertThat(l.message().length()).isLessThan(10_000));
        }
    }

    @Test
    void infiniteLoopInATimerCallbackIsStoppedToo() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', states: { a: { invoke: { src: () => new Promise(() => setTimeout(() => { while (true) {} }, 1)) } } } });""");
        try (var s = v.openSession()) {
            var t = s.initialState(null);
            s.runEffects(t);
            assertThatThrownBy(() -> s.awaitNextEvent(Duration.ofSeconds(10))).isInstanceOf(UserCodeTimeout.class);
        }
        assertThat(v.initialState(null).state().value().asText()).isEqualTo("a");
    }

    @Test
    void whatASessionPlantsOnAnXstateSubpathExportIsGoneForTheNextSession() {
        var v = Engines.rawModule("""
                import { createMachine, assign } from 'xstate';
                import { toArray } from 'xstate/lib/utils';
                export default createMachine({ initial: 'a', context: { seen: null }, states: { a: { on: {
                  PLANT: { actions: assign({ seen: () => { toArray.planted = 'secret'; return toArray.planted; } }) },
                  LOOK: { actions: assign({ seen: () => toArray.planted ?? null }) } } } } });
                """ + Engines.ALLOW_ALL);
        var initial = v.initialState(null).state();
        // the pool hands the same context to one session after another: the second runs where the first planted
        try (var s = v.openSession()) {
            assertThat(s.transition(Engines.roundTrip(initial), event("PLANT"))
                            .state()
                            .context())
                    .isEqualTo(json("{'seen':'secret'}"));
        }
        try (var s = v.openSession()) {
            assertThat(s.transition(Engines.roundTrip(initial), event("LOOK"))
                            .state()
                            .context())
                    .isEqualTo(json("{'seen':null}"));
        }
    }
}
