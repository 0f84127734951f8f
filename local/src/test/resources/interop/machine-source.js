// A machine as a State Backed user writes it; bundled the way smply bundles it.
import { createMachine, assign } from "xstate";

export const allowRead = ({ authContext }) => authContext.sub !== "blocked";
export const allowWrite = ({ authContext }) => authContext.sub !== "blocked";

export default createMachine({
  id: "interop",
  predictableActionArguments: true,
  initial: "idle",
  context: { public: { count: 0 } },
  states: {
    idle: {
      on: {
        increment: { actions: assign({ public: (ctx) => ({ count: ctx.public.count + 1 }) }) },
        finish: "done",
      },
    },
    done: { type: "final" },
  },
});
