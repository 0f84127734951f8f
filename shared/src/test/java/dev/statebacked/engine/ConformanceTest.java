package dev.statebacked.engine;

import static dev.statebacked.engine.Engines.event;
import static dev.statebacked.engine.Engines.json;
import static dev.statebacked.engine.Engines.roundTrip;
import static dev.statebacked.engine.Engines.settle;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * XState v4 semantics through the engine, each rule also checked after the state went through its JSON form
 * (what the host stores) and was restored.
 */
class ConformanceTest {

    private static PersistedState initial(MachineVersion v) {
        return v.initialState(null).state();
    }

    private static PersistedState send(MachineVersion v, PersistedState s, String type) {
        return v.transition(roundTrip(s), event(type)).state();
    }

    private static List<String> logMessages(MachineSession s) {
        return s.drainLogs().stream().map(LogRecord::message).toList();
    }

    @Test
    void guardedTransitionIsTakenOnlyWhenGuardHolds() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'locked', context: { code: 42 }, states: {
                  locked: { on: { TRY: { target: 'open', cond: (c, e) => e.code === c.code } } },
                  open: {} } });""");
        var s0 = initial(v);
        var wrong = v.transition(roundTrip(s0), json("{'type':'TRY','code':1}")).state();
        assertThat(wrong.value().asText()).isEqualTo("locked");
        var right =
                v.transition(roundTrip(wrong), json("{'type':'TRY','code':42}")).state();
        assertThat(right.value().asText()).isEqualTo("open");
    }

    @Test
    void namedGuardsComeFromMachineOptions() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { ok: false }, states: {
                  a: { on: { GO: { target: 'b', cond: 'isOk' }, ENABLE: { actions: assign({ ok: true }) } } }, b: {} } },
                  { guards: { isOk: (c) => c.ok } });""");
        var s = send(v, initial(v), "GO");
        assertThat(s.value().asText()).isEqualTo("a");
        s = send(v, send(v, s, "ENABLE"), "GO");
        assertThat(s.value().asText()).isEqualTo("b");
    }

    @Test
    void nestedStatesResolveToTheirInitialLeafAndParentHandlesEvents() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'outer', states: {
                  outer: { initial: 'inner1', on: { RESET: '.inner1', LEAVE: 'done' }, states: {
                    inner1: { on: { NEXT: 'inner2' } }, inner2: {} } },
                  done: {} } });""");
        var s = initial(v);
        assertThat(s.value()).isEqualTo(json("{'outer':'inner1'}"));
        s = send(v, s, "NEXT");
        assertThat(s.value()).isEqualTo(json("{'outer':'inner2'}"));
        s = send(v, s, "RESET");
        assertThat(s.value()).isEqualTo(json("{'outer':'inner1'}"));
        assertThat(send(v, s, "LEAVE").value().asText()).isEqualTo("done");
    }

    @Test
    void parallelRegionsTransitionIndependently() {
        var v = Engines.machine("""
                export default createMachine({ type: 'parallel', states: {
                  bold: { initial: 'off', states: { off: { on: { BOLD: 'on' } }, on: { on: { BOLD: 'off' } } } },
                  italic: { initial: 'off', states: { off: { on: { ITALIC: 'on' } }, on: { on: { ITALIC: 'off' } } } } } });""");
        var s = send(v, initial(v), "BOLD");
        assertThat(s.value()).isEqualTo(json("{'bold':'on','italic':'off'}"));
        s = send(v, s, "ITALIC");
        assertThat(s.value()).isEqualTo(json("{'bold':'on','italic':'on'}"));
        s = send(v, s, "BOLD");
        assertThat(s.value()).isEqualTo(json("{'bold':'off','italic':'on'}"));
    }

    @Test
    void assignUpdatesContextAndSeesTheEvent() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { total: 0, items: [] }, states: { a: { on: {
                  ADD: { actions: [assign({ total: (c, e) => c.total + e.amount }), assign({ items: (c, e) => [...c.items, e.amount] })] } } } } });""");
        var s = v.transition(roundTrip(initial(v)), json("{'type':'ADD','amount':5}"))
                .state();
        s = v.transition(roundTrip(s), json("{'type':'ADD','amount':7}")).state();
        assertThat(s.context()).isEqualTo(json("{'total':12,'items':[5,7]}"));
    }

    @Test
    void theGivenInitialContextIsLaidOverTheMachinesOwnKeyByKey() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { n: 1, public: { board: [0, 0] } },
                  states: { a: {} } });""");
        assertThat(v.initialState(json("{'n':99,'player1Id':'p1'}")).state().context())
                .isEqualTo(json("{'n':99,'public':{'board':[0,0]},'player1Id':'p1'}"));
        assertThat(v.initialState(json("{'public':{'turn':1}}")).state().context())
                .as("top-level keys, not deep")
                .isEqualTo(json("{'n':1,'public':{'turn':1}}"));
        assertThat(v.initialState(json("{}")).state().context()).isEqualTo(json("{'n':1,'public':{'board':[0,0]}}"));
        assertThat(v.initialState(null).state().context()).isEqualTo(json("{'n':1,'public':{'board':[0,0]}}"));
    }

    @Test
    void aLazyMachineContextIsEvaluatedBeforeTheGivenOneIsLaidOver() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: () => ({ n: 1, m: 2 }), states: { a: {} } });""");
        assertThat(v.initialState(json("{'m':3}")).state().context()).isEqualTo(json("{'n':1,'m':3}"));
    }

    @Test
    void aMachineWithoutContextStartsWithTheGivenOne() {
        var v = Engines.machine("export default createMachine({ initial: 'a', states: { a: {} } });");
        assertThat(v.initialState(json("{'uid':'u1'}")).state().context()).isEqualTo(json("{'uid':'u1'}"));
    }

    @Test
    void chooseRunsTheFirstBranchWhoseGuardHolds() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { level: '' }, states: { a: { on: { RATE: { actions: choose([
                  { cond: (c, e) => e.n > 10, actions: assign({ level: 'high' }) },
                  { cond: (c, e) => e.n > 5, actions: [assign({ level: 'mid' }), 'notify'] },
                  { actions: assign({ level: 'low' }) } ]) } } } } }, { actions: { notify: () => console.log('notified') } });""");
        var t = v.transition(roundTrip(initial(v)), json("{'type':'RATE','n':7}"));
        assertThat(t.state().context().get("level").asText()).isEqualTo("mid");
        assertThat(t.effects()).containsExactly(new Effect.RunAction("notify", true));
        assertThat(v.transition(roundTrip(t.state()), json("{'type':'RATE','n':1}"))
                        .state()
                        .context()
                        .get("level")
                        .asText())
                .isEqualTo("low");
    }

    @Test
    void raisedEventIsHandledWithinTheSameTransition() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', states: {
                  a: { on: { GO: { target: 'b', actions: raise('NEXT') } } }, b: { on: { NEXT: 'c' } }, c: {} } });""");
        var t = v.transition(roundTrip(initial(v)), event("GO"));
        assertThat(t.state().value().asText()).isEqualTo("c");
        assertThat(t.effects()).isEmpty();
    }

    @Test
    void sendToSelfBecomesTheNextEventAfterEffectsRun() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', states: {
                  a: { on: { GO: { target: 'b', actions: send('NEXT') } } }, b: { on: { NEXT: 'c' } }, c: {} } });""");
        try (var s = v.openSession()) {
            var t = s.transition(roundTrip(s.initialState(null).state()), event("GO"));
            assertThat(t.state().value().asText()).isEqualTo("b");
            assertThat(t.effects()).containsExactly(new Effect.Send(new SendTarget.Self(), event("NEXT")));
            assertThat(settle(s, t, Duration.ofSeconds(2)).state().value().asText())
                    .isEqualTo("c");
        }
    }

    @Test
    void sendParentIsAnEffectForTheHost() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', states: { a: { on: { GO: { actions: sendParent((c, e) => ({ type: 'CHILD_SAYS', n: e.n })) } } } } });""");
        var t = v.transition(roundTrip(initial(v)), json("{'type':'GO','n':3}"));
        assertThat(t.effects())
                .containsExactly(new Effect.Send(new SendTarget.Parent(), json("{'type':'CHILD_SAYS','n':3}")));
        assertThat(t.hostEffects()).hasSize(1);
    }

    @Test
    void forwardToSendsTheSameEventToAChild() {
        var v = Engines.machine("""
                const child = createMachine({ initial: 'idle', states: { idle: { on: { PING: { actions: sendParent('PONG') } } } } });
                export default createMachine({ initial: 'a', states: { a: {
                  invoke: { id: 'kid', src: child }, on: { PING: { actions: forwardTo('kid') }, PONG: 'b' } }, b: {} } });""");
        try (var s = v.openSession()) {
            var t = settle(s, s.initialState(null), Duration.ofSeconds(2));
            t = s.transition(roundTrip(t.state()), event("PING"));
            assertThat(t.effects())
                    .containsExactly(new Effect.Send(new SendTarget.EphemeralChild("kid"), event("PING")));
            assertThat(settle(s, t, Duration.ofSeconds(2)).state().value().asText())
                    .isEqualTo("b");
        }
    }

    @Test
    void shallowHistoryReturnsToTheLastActiveChildAfterRestore() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'player', states: {
                  player: { initial: 'stopped', on: { SETTINGS: 'settings' }, states: {
                    stopped: { on: { PLAY: 'playing' } }, playing: { on: { STOP: 'stopped' } }, hist: { type: 'history' } } },
                  settings: { on: { BACK: 'player.hist' } } } });""");
        var s = send(v, send(v, initial(v), "PLAY"), "SETTINGS");
        assertThat(s.value().asText()).isEqualTo("settings");
        assertThat(send(v, s, "BACK").value()).isEqualTo(json("{'player':'playing'}"));
    }

    @Test
    void deepHistoryRestoresNestedChildren() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'app', states: {
                  app: { initial: 'a', on: { OUT: 'away' }, states: {
                    a: { initial: 'a1', states: { a1: { on: { DEEPER: 'a2' } }, a2: {} } }, h: { type: 'history', history: 'deep' } } },
                  away: { on: { IN: 'app.h' } } } });""");
        var s = send(v, send(v, send(v, initial(v), "DEEPER"), "OUT"), "IN");
        assertThat(s.value()).isEqualTo(json("{'app':{'a':'a2'}}"));
    }

    @Test
    void finalChildStateRaisesDoneStateOnItsParent() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'work', states: {
                  work: { initial: 'step', onDone: 'finished', states: { step: { on: { END: 'end' } }, end: { type: 'final' } } },
                  finished: {} } });""");
        var s = send(v, initial(v), "END");
        assertThat(s.value().asText()).isEqualTo("finished");
        assertThat(s.done()).isFalse();
    }

    @Test
    void topLevelFinalStateMarksTheInstanceDoneWithData() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { result: 7 }, states: {
                  a: { on: { END: 'end' } }, end: { type: 'final', data: { answer: (c) => c.result } } } });""");
        var t = v.transition(roundTrip(initial(v)), event("END"));
        assertThat(t.state().done()).isTrue();
        assertThat(t.doneData()).isEqualTo(json("{'answer':7}"));
        assertThat(roundTrip(t.state()).done()).isTrue();
    }

    @Test
    void afterWithANumberSchedulesADelayedSendAndLeavingCancelsIt() {
        var v = Engines.machine("""
                export default createMachine({ id: 'm', initial: 'idle', states: {
                  idle: { on: { START: 'waiting' } },
                  waiting: { after: { 1500: 'timedOut' }, on: { ANSWER: 'answered' } },
                  timedOut: {}, answered: {} } });""");
        var t = v.transition(roundTrip(initial(v)), event("START"));
        var timer = (Effect.DelayedSend) t.effects().get(0);
        assertThat(timer.delayMs()).isEqualTo(1500);
        assertThat(timer.target()).isEqualTo(new SendTarget.Self());
        // the host fires the timer later, on the restored state
        assertThat(v.transition(roundTrip(t.state()), timer.event())
                        .state()
                        .value()
                        .asText())
                .isEqualTo("timedOut");
        var left = v.transition(roundTrip(t.state()), event("ANSWER"));
        assertThat(left.state().value().asText()).isEqualTo("answered");
        assertThat(left.effects()).containsExactly(new Effect.CancelDelayedSend(timer.sendId()));
    }

    @Test
    void namedDelaysResolveFromMachineOptionsAndContext() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'idle', context: { wait: 250 }, states: {
                  idle: { on: { START: 'waiting' } }, waiting: { after: { SHORT: 'idle', LONG: 'idle' } } } },
                  { delays: { SHORT: (c) => c.wait, LONG: 60000 } });""");
        var t = v.transition(roundTrip(initial(v)), event("START"));
        assertThat(t.effects())
                .extracting(e -> ((Effect.DelayedSend) e).delayMs())
                .containsExactly(250L, 60000L);
    }

    @Test
    void delayedSendWithIdCanBeCancelled() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', states: { a: { on: {
                  ARM: { actions: send({ type: 'RING' }, { delay: 3000, id: 'alarm' }) },
                  DISARM: { actions: cancel('alarm') },
                  NOTIFY: { actions: sendParent('HI', { delay: 10 }) } } } } });""");
        var armed = v.transition(roundTrip(initial(v)), event("ARM"));
        assertThat(armed.effects())
                .containsExactly(new Effect.DelayedSend("alarm", new SendTarget.Self(), event("RING"), 3000));
        assertThat(v.transition(roundTrip(armed.state()), event("DISARM")).effects())
                .containsExactly(new Effect.CancelDelayedSend("alarm"));
        var toParent = (Effect.DelayedSend) v.transition(roundTrip(armed.state()), event("NOTIFY"))
                .effects()
                .get(0);
        assertThat(toParent.target()).isEqualTo(new SendTarget.Parent());
    }

    @Test
    void alwaysTransitionsAreTakenImmediately() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'check', context: { n: 0 }, states: {
                  check: { always: [{ target: 'big', cond: (c) => c.n > 10 }, { target: 'small' }] },
                  small: { on: { SET: { target: 'check', actions: assign({ n: (c, e) => e.n }) } } }, big: {} } });""");
        var s = initial(v);
        assertThat(s.value().asText()).isEqualTo("small");
        assertThat(v.transition(roundTrip(s), json("{'type':'SET','n':11}"))
                        .state()
                        .value()
                        .asText())
                .isEqualTo("big");
    }

    @Test
    void tagsOfActiveStatesArePersisted() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', states: { a: { tags: ['busy', 'visible'], on: { GO: 'b' } }, b: { tags: 'visible' } } });""");
        var s = initial(v);
        assertThat(roundTrip(s).tags()).containsExactlyInAnyOrder("busy", "visible");
        assertThat(send(v, s, "GO").tags()).containsExactly("visible");
    }

    @Test
    void entryActionsOfARestoredStateAreNotRunAgain() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { entered: 0 }, states: {
                  a: { on: { GO: 'b' } },
                  b: { entry: ['greet', assign({ entered: (c) => c.entered + 1 })], on: { STAY: {}, SELF: { target: 'b', internal: true } } } } },
                  { actions: { greet: () => console.log('hello') } });""");
        var entered = v.transition(roundTrip(initial(v)), event("GO"));
        assertThat(entered.effects()).containsExactly(new Effect.RunAction("greet", true));
        try (var s = v.openSession()) {
            var t = s.transition(roundTrip(entered.state()), event("STAY"));
            assertThat(t.effects()).isEmpty();
            assertThat(t.state().context().get("entered").asInt()).isEqualTo(1);
            s.runEffects(t);
            assertThat(logMessages(s)).doesNotContain("hello");
        }
    }

    @Test
    void afterTimersOfARestoredStateAreNotScheduledAgain() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', states: {
                  a: { on: { GO: 'waiting' } }, waiting: { after: { 1000: 'a' }, on: { PING: { actions: 'pong' } } } } },
                  { actions: { pong: () => {} } });""");
        var t = v.transition(roundTrip(initial(v)), event("GO"));
        assertThat(t.effects()).hasSize(1).first().isInstanceOf(Effect.DelayedSend.class);
        var afterRestore = v.transition(roundTrip(t.state()), event("PING"));
        assertThat(afterRestore.effects()).containsExactly(new Effect.RunAction("pong", true));
    }

    @Test
    void customActionsRunOnlyWhenTheHostRunsEffectsWithTheNewContext() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { n: 0 }, states: { a: { on: {
                  INC: { actions: [assign({ n: (c) => c.n + 1 }), 'report'] } } } } },
                  { actions: { report: (c, e) => console.info('n is ' + c.n + ' after ' + e.type) } });""");
        try (var s = v.openSession()) {
            var t = s.transition(roundTrip(s.initialState(null).state()), event("INC"));
            assertThat(logMessages(s)).isEmpty();
            assertThat(s.runEffects(t)).isEmpty();
            var logs = s.drainLogs();
            assertThat(logs).extracting(LogRecord::message).containsExactly("n is 1 after INC");
            assertThat(logs.get(0).level()).isEqualTo(LogRecord.Level.INFO);
            assertThat(logs.get(0).time()).isNotNull();
        }
    }

    @Test
    void logActionsBecomeLogRecords() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { n: 5 }, states: { a: { on: { GO: { actions: log((c) => c.n, 'count') } } } } });""");
        try (var s = v.openSession()) {
            var t = s.transition(roundTrip(s.initialState(null).state()), event("GO"));
            assertThat(t.effects()).containsExactly(new Effect.Log(LogRecord.Level.INFO, "count: 5"));
            s.runEffects(t);
            assertThat(logMessages(s)).containsExactly("count: 5");
        }
    }

    @Test
    void throwingActionIsReportedWithoutFailingTheWrittenTransition() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', states: { a: { on: { GO: { target: 'b', actions: ['boom', 'after'] } } }, b: {} } },
                  { actions: { boom: () => { throw new Error('kaput'); }, after: () => console.log('still ran') } });""");
        try (var s = v.openSession()) {
            var t = s.transition(roundTrip(s.initialState(null).state()), event("GO"));
            var failures = s.runEffects(t);
            assertThat(failures)
                    .singleElement()
                    .satisfies(f -> assertThat(f.jsMessage()).isEqualTo("kaput"));
            assertThat(logMessages(s)).contains("still ran");
        }
    }

    @Test
    void invokedPromiseResolvesIntoOnDone() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'loading', context: { user: null }, states: {
                  loading: { invoke: { id: 'fetchUser', src: (c) => new Promise((resolve) => setTimeout(() => resolve({ name: 'ada' }), 20)),
                    onDone: { target: 'ready', actions: assign({ user: (c, e) => e.data }) }, onError: 'failed' } },
                  ready: {}, failed: {} } });""");
        try (var s = v.openSession()) {
            var t = s.initialState(null);
            assertThat(t.effects())
                    .containsExactly(new Effect.StartService("fetchUser", ChildRef.Origin.INVOKE, "fetchUser"));
            assertThat(t.state().children()).containsKey("fetchUser");
            var settled = settle(s, t, Duration.ofSeconds(5));
            assertThat(settled.state().value().asText()).isEqualTo("ready");
            assertThat(settled.state().context()).isEqualTo(json("{'user':{'name':'ada'}}"));
            assertThat(settled.state().children()).isEmpty();
            assertThat(s.hasRunningServices()).isFalse();
        }
    }

    @Test
    void rejectedPromiseGoesToOnErrorWithTheMessage() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'loading', context: { error: null }, states: {
                  loading: { invoke: { src: 'load', onDone: 'ready', onError: { target: 'failed', actions: assign({ error: (c, e) => e.data.message }) } } },
                  ready: {}, failed: {} } }, { services: { load: async () => { throw new Error('no network'); } } });""");
        try (var s = v.openSession()) {
            var settled = settle(s, s.initialState(null), Duration.ofSeconds(5));
            assertThat(settled.state().value().asText()).isEqualTo("failed");
            assertThat(settled.state().context().get("error").asText()).isEqualTo("no network");
        }
    }

    @Test
    void invokedCallbackSendsEventsBackAndReceivesEvents() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'on', context: { ticks: 0 }, states: {
                  on: { invoke: { id: 'ticker', src: () => (sendBack, receive) => {
                          receive((e) => { if (e.type === 'BOOST') sendBack({ type: 'TICK' }); });
                          const id = setInterval(() => sendBack({ type: 'TICK' }), 5);
                          return () => clearInterval(id);
                        } },
                        on: { TICK: [{ target: 'off', cond: (c) => c.ticks >= 2 }, { actions: assign({ ticks: (c) => c.ticks + 1 }) }],
                              BOOST: { actions: send('BOOST', { to: 'ticker' }) } } },
                  off: {} } });""");
        try (var s = v.openSession()) {
            var settled = settle(s, s.initialState(null), Duration.ofSeconds(5));
            assertThat(settled.state().value().asText()).isEqualTo("off");
            assertThat(settled.state().context().get("ticks").asInt()).isEqualTo(2);
            assertThat(s.hasRunningServices())
                    .as("leaving the state stopped the interval")
                    .isFalse();
        }
    }

    @Test
    void invokedMachineSendsToParentAndReportsDoneWithData() {
        var v = Engines.machine("""
                const child = createMachine({ initial: 'working', states: {
                  working: { entry: sendParent('PROGRESS'), after: { 10: 'finished' } },
                  finished: { type: 'final', data: { result: 42 } } } });
                export default createMachine({ initial: 'running', context: { progress: 0, result: null }, states: {
                  running: { invoke: { id: 'worker', src: child, onDone: { target: 'done', actions: assign({ result: (c, e) => e.data.result }) } },
                             on: { PROGRESS: { actions: assign({ progress: (c) => c.progress + 1 }) } } },
                  done: {} } });""");
        try (var s = v.openSession()) {
            var settled = settle(s, s.initialState(null), Duration.ofSeconds(5));
            assertThat(settled.state().value().asText()).isEqualTo("done");
            assertThat(settled.state().context()).isEqualTo(json("{'progress':1,'result':42}"));
        }
    }

    @Test
    void invokeDataIsMappedIntoTheChildMachineContext() {
        var v = Engines.machine("""
                const child = createMachine({ initial: 'a', context: { x: 0 }, states: { a: { always: 'b' }, b: { type: 'final', data: (c) => ({ doubled: c.x * 2 }) } } });
                export default createMachine({ initial: 'run', context: { x: 21, out: 0 }, states: {
                  run: { invoke: { src: child, data: { x: (c) => c.x }, onDone: { target: 'end', actions: assign({ out: (c, e) => e.data.doubled }) } } }, end: {} } });""");
        try (var s = v.openSession()) {
            assertThat(settle(s, s.initialState(null), Duration.ofSeconds(5))
                            .state()
                            .context()
                            .get("out")
                            .asInt())
                    .isEqualTo(42);
        }
    }

    @Test
    void spawnedEphemeralActorStartsAfterTheWriteAndItsRefSurvivesRestore() {
        var v = Engines.machine("""
                const counter = createMachine({ initial: 'counting', context: { n: 0 }, states: { counting: { on: {
                  INC: [{ cond: (c) => c.n >= 1, actions: sendParent('COUNTED') }, { actions: assign({ n: (c) => c.n + 1 }) }] } } } });
                export default createMachine({ initial: 'a', context: { ref: null, counted: false }, states: { a: { on: {
                  START: { actions: assign({ ref: () => spawn(counter, 'counter') }) },
                  INC: { actions: sendTo((c) => c.ref, 'INC') },
                  COUNTED: { target: 'b' } } }, b: {} } });""");
        try (var s = v.openSession()) {
            var t = s.transition(roundTrip(s.initialState(null).state()), event("START"));
            assertThat(t.state().context().get("ref")).isEqualTo(json("{'id':'counter','xstate$$type':1}"));
            assertThat(t.effects())
                    .containsExactly(new Effect.StartService("counter", ChildRef.Origin.SPAWN, "machine:(machine)"));
            assertThat(s.hasRunningServices())
                    .as("nothing runs before the host persisted")
                    .isFalse();
            t = settle(s, t, Duration.ofSeconds(1));
            assertThat(s.runningServices()).containsExactly("counter");
            for (int i = 0; i < 2; i++) {
                t = s.transition(roundTrip(t.state()), event("INC"));
                assertThat(t.effects())
                        .containsExactly(new Effect.Send(new SendTarget.EphemeralChild("counter"), event("INC")));
                t = settle(s, t, Duration.ofSeconds(2));
            }
            assertThat(t.state().value().asText()).isEqualTo("b");
        }
    }

    @Test
    void servicesStillRunningWhenTheBudgetEndsAreStoppedWithErrorEvents() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'waiting', states: {
                  waiting: { invoke: { id: 'slow', src: () => new Promise((r) => setTimeout(r, 60000)), onError: 'failed' } }, failed: {} } });""");
        try (var s = v.openSession()) {
            var t = settle(s, s.initialState(null), Duration.ofMillis(100));
            assertThat(t.state().value().asText()).isEqualTo("waiting");
            var stopped = s.stopServices("settle budget ran out");
            assertThat(stopped)
                    .containsExactly(json("{'type':'error.platform.slow','data':{'message':'settle budget ran out'}}"));
            assertThat(s.hasRunningServices()).isFalse();
            // the host delivers it before the next event, possibly in another session
            assertThat(v.transition(roundTrip(t.state()), stopped.get(0))
                            .state()
                            .value()
                            .asText())
                    .isEqualTo("failed");
        }
    }

    @Test
    void restoreThenTransitionWorksInAFreshContext() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { n: 0 }, states: {
                  a: { on: { NEXT: { target: 'b', actions: assign({ n: (c) => c.n + 1 }) } } },
                  b: { initial: 'b1', states: { b1: { on: { NEXT: 'b2' } }, b2: { type: 'final' } }, onDone: 'c' }, c: { type: 'final' } } });""");
        String stored = v.initialState(null).state().toJsonString();
        // two sessions at once force two different contexts
        try (var first = v.openSession();
                var second = v.openSession()) {
            var s1 = first.transition(PersistedState.fromJson(stored), event("NEXT"))
                    .state();
            var s2 = second.transition(PersistedState.fromJson(s1.toJsonString()), event("NEXT"))
                    .state();
            assertThat(s1.value()).isEqualTo(json("{'b':'b1'}"));
            assertThat(s2.value().asText())
                    .as("b2 is final, so b's onDone goes to c")
                    .isEqualTo("c");
            assertThat(s2.done()).isTrue();
            assertThat(s2.context().get("n").asInt()).isEqualTo(1);
        }
    }

    @Test
    void pureActionsResolveToTheirReturnedActions() {
        var v = Engines.machine("""
                export default createMachine({ initial: 'a', context: { names: ['x', 'y'] }, states: { a: { on: {
                  GREET: { actions: pure((c) => c.names.map((n) => sendParent({ type: 'HELLO', to: n }))) } } } } });""");
        var t = v.transition(roundTrip(initial(v)), event("GREET"));
        assertThat(t.effects())
                .extracting(e -> ((Effect.Send) e).event().get("to").asText())
                .containsExactly("x", "y");
    }

    @Test
    void eventsWithoutTypeAreRejected() {
        var v = Engines.machine("export default createMachine({ initial: 'a', states: { a: {} } });");
        JsonNode noType = json("{'kind':'x'}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> v.transition(initial(v), noType))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
