// Durable timers: delayed sends to self by id, cancel, and an `after` transition.
import { createMachine, assign, send, cancel } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

const fired = (kind) => assign({
  public: (ctx, e) => ({ ...ctx.public, fired: [...(ctx.public?.fired ?? []), { kind, n: e.n, dueAt: e.dueAt, at: Date.now() }] }),
});

export default createMachine({
  id: "timers",
  predictableActionArguments: true,
  initial: "idle",
  context: { public: { fired: [] } },
  states: {
    idle: {
      on: {
        // { n, delay }: an event "fire" to self after `delay` ms, carrying when it is due
        arm: { actions: send((_, e) => ({ type: "fire", n: e.n, dueAt: Date.now() + e.delay }), { delay: (_, e) => e.delay }) },
        armCancellable: { actions: send((_, e) => ({ type: "fire", n: e.n, dueAt: Date.now() + e.delay }), { delay: (_, e) => e.delay, id: "cancellable" }) },
        cancelIt: { actions: cancel("cancellable") },
        fire: { actions: fired("send") },
        wait: "waiting",
      },
    },
    waiting: {
      // leaving the state before it fires cancels it: see "leave"
      after: { 1500: { target: "idle", actions: assign({ public: (ctx) => ({ ...ctx.public, afterFired: (ctx.public?.afterFired ?? 0) + 1 }) }) } },
      on: { leave: "idle" },
    },
  },
});
