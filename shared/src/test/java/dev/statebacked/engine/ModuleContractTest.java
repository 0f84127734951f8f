package dev.statebacked.engine;

import static dev.statebacked.engine.Engines.event;
import static dev.statebacked.engine.Engines.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.engine.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exports, imports and authorizers of a machine module, and migration modules. */
class ModuleContractTest {
    private static final String MACHINE =
            "import { createMachine } from 'xstate';\nexport default createMachine({ initial: 'a', states: { a: {} } });\n";

    @Test
    void missingAllowReadIsRejectedNamingTheExport() {
        assertThatThrownBy(() -> Engines.rawModule(MACHINE + "export const allowWrite = () => true;"))
                .isInstanceOfSatisfying(InvalidExportError.class, e -> {
                    assertThat(e.exportName()).isEqualTo("allowRead");
                    assertThat(e.getMessage()).contains("allowRead");
                });
    }

    @Test
    void wrongTypedAllowWriteIsRejectedNamingTheExport() {
        assertThatThrownBy(() -> Engines.rawModule(
                        MACHINE + "export const allowRead = () => true; export const allowWrite = true;"))
                .isInstanceOfSatisfying(
                        InvalidExportError.class,
                        e -> assertThat(e.exportName()).isEqualTo("allowWrite"));
    }

    @Test
    void defaultExportMustBeAMachine() {
        assertThatThrownBy(() -> Engines.rawModule("export default { states: {} };" + Engines.ALLOW_ALL))
                .isInstanceOfSatisfying(
                        InvalidExportError.class,
                        e -> assertThat(e.exportName()).isEqualTo("default"));
    }

    @Test
    void httpApiMapperMustBeAnObjectOfHandlersAndOptionalResponseMappersBySlug() {
        for (String refused : List.of(
                "5",
                "() => ({})",
                "[]",
                "{ orders: () => ({}) }",
                "{ orders: {} }",
                "{ orders: { handler: 'no' } }",
                "{ orders: { handler: () => ({}), responseMapper: {} } }",
                "{ 'not a slug': { handler: () => ({}) } }")) {
            assertThatThrownBy(() -> Engines.rawModule(
                            MACHINE + Engines.ALLOW_ALL + "export const httpApiMapper = " + refused + ";"))
                    .as(refused)
                    .isInstanceOfSatisfying(
                            InvalidExportError.class,
                            e -> assertThat(e.exportName()).isEqualTo("httpApiMapper"));
        }
        Engines.rawModule(MACHINE + Engines.ALLOW_ALL
                + "export const httpApiMapper = { orders: { handler: () => ({}) },"
                + " 'order-events_2': { handler: async () => ({}), responseMapper: () => ({}) } };");
    }

    @Test
    void syntaxErrorIsAnInvalidModule() {
        assertThatThrownBy(() -> Engines.rawModule("export default createMachine({"))
                .isInstanceOf(InvalidModuleError.class);
    }

    @Test
    void validateMachineChecksWithoutCaching() {
        Engines.SHARED.validateMachine(MACHINE + Engines.ALLOW_ALL);
        assertThatThrownBy(() -> Engines.SHARED.validateMachine(MACHINE)).isInstanceOf(InvalidExportError.class);
    }

    @Test
    void xstateCanBeImportedWithNpmPrefixAndVersion() {
        for (String spec : List.of("xstate", "npm:xstate", "npm:xstate@4.38.3", "xstate@4", "npm:xstate@^4.38")) {
            var v = Engines.rawModule("import { createMachine } from '" + spec
                    + "';\nexport default createMachine({ initial: 'x', states: { x: {} } });" + Engines.ALLOW_ALL);
            assertThat(v.initialState(null).state().value().asText()).as(spec).isEqualTo("x");
        }
    }

    @Test
    void xstate5IsNotSilentlyMappedToXstate4() {
        assertThatThrownBy(() ->
                        Engines.rawModule("import { createMachine } from 'xstate@5';\nexport default createMachine({});"
                                + Engines.ALLOW_ALL))
                .isInstanceOfSatisfying(
                        InvalidModuleError.class,
                        e -> assertThat(e.getMessage()).contains("xstate@5"));
    }

    @Test
    void xstateSubpathsInTheFormEsbuildEmitsLoadAndTransition() {
        // esbuild's alias turns `xstate/lib/utils` into `npm:xstate/lib/utils`; finalize validates like this
        String code = """
                import { createMachine } from "npm:xstate";
                import { matchesState } from "npm:xstate/lib/utils";
                import { assign } from "npm:xstate@4.38.3/lib/actions";
                export default createMachine({ initial: 'a', context: { n: 0 }, states: {
                  a: { on: { GO: { target: 'b', cond: (c, e, { state }) => matchesState('a', state.value), actions: assign({ n: (c) => c.n + 1 }) } } },
                  b: {} } });
                """ + Engines.ALLOW_ALL;
        Engines.SHARED.validateMachine(code);
        var v = Engines.rawModule(code);
        var t = v.transition(Engines.roundTrip(v.initialState(null).state()), event("GO"));
        assertThat(t.state().value().asText()).isEqualTo("b");
        assertThat(t.state().context()).isEqualTo(json("{'n':1}"));
    }

    @Test
    void everyXstateSubpathIsTheOneShippedXstate() {
        var v = Engines.rawModule("""
                import { createMachine, State, spawn, actions } from 'xstate';
                import { State as LibState, isState } from 'xstate/lib/State';
                import { State as EsState } from 'npm:xstate@4/es/State.js';
                import * as index from 'xstate/lib/index';
                import { spawn as interpreterSpawn } from 'xstate/lib/interpreter';
                import { assign } from 'xstate/es/actions';
                const m = createMachine({ initial: 'a', states: { a: {} } });
                export default createMachine({ initial: 'x', context: {
                  sameState: State === LibState && State === EsState && m.initialState instanceof LibState && isState(m.initialState),
                  sameIndex: index.State === State && index.actions === actions,
                  runtimeSpawn: interpreterSpawn === spawn && index.spawn === spawn,
                  sameAssign: assign === actions.assign }, states: { x: {} } });
                """ + Engines.ALLOW_ALL);
        assertThat(v.initialState(null).state().context())
                .isEqualTo(json("{'sameState':true,'sameIndex':true,'runtimeSpawn':true,'sameAssign':true}"));
    }

    @Test
    void bareXstateExportsExactlyTheNamesOfThePackageIndex() {
        var v = Engines.rawModule("""
                import * as xstate from 'xstate';
                export default xstate.createMachine({ initial: 'x', context: { names: Object.keys(xstate).join(',') }, states: { x: {} } });
                """ + Engines.ALLOW_ALL);
        assertThat(v.initialState(null).state().context().get("names").asText())
                .isEqualTo(
                        "ActionTypes,Interpreter,InterpreterStatus,Machine,SpecialTargets,State,StateNode,actions,assign,cancel,choose,"
                                + "createMachine,createSchema,doneInvoke,forwardTo,interpret,log,mapState,matchState,matchesState,pure,raise,"
                                + "send,sendParent,sendTo,sendUpdate,spawn,spawnBehavior,stop,t,toActorRef,toEventObject,toObserver,toSCXMLEvent");
    }

    @Test
    void unknownXstateSubpathIsRefusedAtFinalizeNamingIt() {
        for (String spec : List.of(
                "npm:xstate/lib/nope", "xstate/lib/scxml", "xstate/dist/xstate.js", "npm:xstate@4.38.3/es/invoke")) {
            assertThatThrownBy(() -> Engines.SHARED.validateMachine(
                            "import { x } from '" + spec + "';\n" + MACHINE + Engines.ALLOW_ALL))
                    .as(spec)
                    .isInstanceOfSatisfying(
                            InvalidModuleError.class,
                            e -> assertThat(e.getMessage()).contains(spec.replace("npm:", "")));
        }
    }

    @Test
    void allowReadReceivesInstanceNameStateContextAndAuthContext() {
        var v = Engines.rawModule("""
                import { createMachine } from 'xstate';
                export default createMachine({ initial: 'a', context: { owner: 'u1' }, states: { a: {} } });
                export const allowRead = ({ machineInstanceName, state, context, authContext }) =>
                  machineInstanceName === 'inst' && state === 'a' && context.owner === authContext.sub;
                export const allowWrite = () => false;""");
        var state = v.initialState(null).state();
        assertThat(v.allowRead(new ReadRequest("inst", json("{'sub':'u1'}"), state)))
                .isTrue();
        assertThat(v.allowRead(new ReadRequest("inst", json("{'sub':'u2'}"), state)))
                .isFalse();
    }

    @Test
    void asyncAllowWriteIsAwaitedAndSeesTheSender() {
        var v = Engines.rawModule("""
                import { createMachine } from 'xstate';
                export default createMachine({ initial: 'a', states: { a: {} } });
                export const allowRead = async () => true;
                export const allowWrite = async ({ type, event, authContext }) => {
                  await new Promise((r) => setTimeout(r, 5));
                  if (type === 'initialization') return authContext.sub === 'admin';
                  return event.type === 'PING' && authContext.stateBackedSender?.machineName === 'parent';
                };""");
        var state = v.initialState(null).state();
        ObjectNode sender = Json.MAPPER.createObjectNode();
        sender.putObject("stateBackedSender").put("machineName", "parent").put("machineInstanceName", "p1");
        assertThat(v.allowWrite(new WriteRequest.Event("i", sender, state, event("PING"))))
                .isTrue();
        assertThat(v.allowWrite(new WriteRequest.Event("i", json("{'sub':'x'}"), state, event("PING"))))
                .isFalse();
        assertThat(v.allowWrite(new WriteRequest.Initialization("i", json("{'sub':'admin'}"), json("{}"))))
                .isTrue();
        assertThat(v.allowRead(new ReadRequest("i", json("{}"), state))).isTrue();
    }

    @Test
    void throwingAuthorizerIsAUserCodeError() {
        var v = Engines.rawModule(
                MACHINE
                        + "export const allowRead = () => { throw new Error('nope'); }; export const allowWrite = () => Promise.reject(new Error('async nope'));");
        var state = v.initialState(null).state();
        assertThatThrownBy(() -> v.allowRead(new ReadRequest("i", json("{}"), state)))
                .isInstanceOfSatisfying(
                        UserCodeError.class, e -> assertThat(e.jsMessage()).isEqualTo("nope"));
        assertThatThrownBy(() -> v.allowWrite(new WriteRequest.Initialization("i", json("{}"), json("{}"))))
                .isInstanceOfSatisfying(
                        UserCodeError.class, e -> assertThat(e.jsMessage()).isEqualTo("async nope"));
    }

    @Test
    void statebackedMachineModuleProvidesTheRuntimeContract() {
        var v = Engines.rawModule("""
                import { createMachine, assign } from 'xstate';
                import { spawnPersistentInstance, spawnEphemeralInstance, persistentInvocableSource, sendTo } from '@statebacked/machine';
                const echo = createMachine({ initial: 'on', states: { on: { on: { PING: { actions: sendTo('#_parent', { type: 'ECHO' }) } } } } });
                export default createMachine({ initial: 'a', context: { p: null, e: null, echoed: 0 }, states: {
                  a: { on: {
                    SPAWN: { actions: assign({ p: () => spawnPersistentInstance({ machineName: 'other', machineInstanceName: 'o-1' }), e: () => spawnEphemeralInstance(echo, 'echo') }) },
                    TELL: { actions: [sendTo((c) => c.p, { type: 'HELLO' }), sendTo('echo', { type: 'PING' })] },
                    ECHO: { actions: assign({ echoed: (c) => c.echoed + 1 }) },
                    INVOKE: 'b' } },
                  b: { invoke: { id: 'inv', src: persistentInvocableSource({ machineName: 'other', machineInstanceName: 'o-2' }) } } } });
                export const allowRead = () => true; export const allowWrite = () => true;""");
        try (var s = v.openSession()) {
            var t = s.transition(Engines.roundTrip(s.initialState(null).state()), event("SPAWN"));
            assertThat(t.effects()).hasSize(2);
            assertThat(t.effects().get(0))
                    .isEqualTo(new Effect.StartPersistentChild(
                            t.state().context().get("p").get("id").asText(),
                            ChildRef.Origin.SPAWN,
                            "other",
                            "o-1",
                            null,
                            json("{}")));
            assertThat(t.effects().get(1))
                    .isEqualTo(new Effect.StartService("echo", ChildRef.Origin.SPAWN, "machine:(machine)"));
            t = Engines.settle(s, t, java.time.Duration.ofSeconds(2));
            t = s.transition(Engines.roundTrip(t.state()), event("TELL"));
            assertThat(t.effects().get(0))
                    .isInstanceOfSatisfying(
                            Effect.Send.class,
                            send -> assertThat(send.target()).isInstanceOf(SendTarget.PersistentChild.class));
            assertThat(t.effects().get(1))
                    .isEqualTo(new Effect.Send(new SendTarget.EphemeralChild("echo"), event("PING")));
            t = Engines.settle(s, t, java.time.Duration.ofSeconds(2));
            assertThat(t.state().context().get("echoed").asInt()).isEqualTo(1);
            var invoked = s.transition(Engines.roundTrip(t.state()), event("INVOKE"));
            assertThat(invoked.effects())
                    .containsExactly(new Effect.StartPersistentChild(
                            "inv", ChildRef.Origin.INVOKE, "other", "o-2", null, json("{}")));
        }
    }

    @Test
    void migrationUpgradesStatePathsAndContext() {
        var m = Engines.SHARED.migration("mig-1", """
                export const upgradeState = (path, context) => path[0] === 'old' ? ['renamed', ...path.slice(1)] : path;
                export const upgradeContext = (oldStates, newStates, context) => ({ ...context, version: 2, states: newStates.length });""");
        assertThat(m.upgradeState(List.of("old", "child"), json("{}"))).containsExactly("renamed", "child");
        assertThat(m.upgradeContext(List.of(List.of("old")), List.of(List.of("renamed")), json("{'n':1}")))
                .isEqualTo(json("{'n':1,'version':2,'states':1}"));
    }

    @Test
    void migrationWithoutUpgradeContextIsRejected() {
        assertThatThrownBy(() -> Engines.SHARED.validateMigration("export const upgradeState = (p) => p;"))
                .isInstanceOfSatisfying(
                        InvalidExportError.class,
                        e -> assertThat(e.exportName()).isEqualTo("upgradeContext"));
    }

    @Test
    void aMigrationWrittenForTheHostedServiceMayImportTheTypesPackagesAtRunTime() {
        var m = Engines.SHARED.migration("mig-types", """
                import "@statebacked/machine-def";
                import * as defs from "npm:@statebacked/machine-def@0.4.1";
                import { sendTo } from "@statebacked/machine";
                export const upgradeState = (path) => [...path, typeof sendTo, String(Object.keys(defs).length)];
                export const upgradeContext = (oldStates, newStates, context) => context;""");

        assertThat(m.upgradeState(List.of("a"), json("{}"))).containsExactly("a", "function", "0");
    }
}
