// An invoked callback that re-arms a zero-delay timer forever: it never finishes, and never waits either.
import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

export default createMachine({
  id: "timer-chain",
  predictableActionArguments: true,
  initial: "idle",
  context: { public: {} },
  states: {
    idle: { on: { start: "spinning" } },
    spinning: {
      invoke: {
        id: "spinner",
        src: () => () => {
          const tick = () => setTimeout(tick, 0);
          tick();
        },
        onError: { target: "stopped", actions: assign({ public: (_, e) => ({ error: String(e.data && e.data.message) }) }) },
      },
      on: { poke: { actions: assign({ public: (ctx) => ({ ...ctx.public, poked: true }) }) } },
    },
    stopped: { on: { poke: { actions: assign({ public: (ctx) => ({ ...ctx.public, poked: true }) }) } } },
  },
});
