// Keeps allocating and holding memory: in one transition (a guard that never stops hoarding), or from a service's
// timer, a few megabytes per tick, for as long as the settling lasts.
import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

const hoard = [];

export default createMachine({
  id: "hoarder",
  predictableActionArguments: true,
  initial: "idle",
  context: { public: {} },
  states: {
    idle: {
      on: {
        "hoard-in-a-guard": { target: "hoarded", cond: () => { for (;;) hoard.push(new Array(1 << 20).fill(hoard.length)); } },
        "hoard-from-a-timer": "hoarding",
        ping: { actions: assign({ public: (context) => ({ ...context.public, pings: ((context.public || {}).pings || 0) + 1 }) }) },
      },
    },
    hoarding: {
      invoke: {
        src: () => () => {
          const id = setInterval(() => { globalThis.hoard = globalThis.hoard || []; globalThis.hoard.push(new Array(1 << 20).fill(1)); }, 1);
          return () => clearInterval(id);
        },
        onError: { target: "idle", actions: assign({ public: (_, event) => ({ stopped: String(event.data && event.data.message) }) }) },
      },
      on: { ping: "idle" },
    },
    hoarded: {},
  },
});
