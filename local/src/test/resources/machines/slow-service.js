// A service that takes as long as the event says: settling that outlasts API Gateway's 30 s but not the 90 s budget.
import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

export default createMachine({
  id: "slow-service",
  predictableActionArguments: true,
  initial: "idle",
  context: { public: {} },
  states: {
    idle: {
      on: { wait: { target: "waiting", actions: assign({ public: (_, e) => ({ ms: e.ms }) }) } },
    },
    waiting: {
      invoke: {
        id: "slow",
        src: (ctx) => new Promise((resolve) => setTimeout(() => resolve({ waited: ctx.public.ms }), ctx.public.ms)),
        onDone: { target: "finished", actions: assign({ public: (_, e) => ({ waited: e.data.waited }) }) },
        onError: "failed",
      },
    },
    finished: { on: { again: "idle" } },
    failed: {},
  },
});
