// A machine with an `after` transition, bundled as smply bundles it.
import { createMachine } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

export default createMachine({
  initial: "idle",
  states: {
    idle: { on: { start: "waiting" } },
    waiting: { after: { 1000: "timedOut" }, on: { answer: "answered" } },
    timedOut: {},
    answered: {},
  },
});
