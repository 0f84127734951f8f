// Writes history and console logs on every event, and keeps a 60-day `after` timer pending while "waiting":
// what retention deletes (history, logs) and what it must never touch (the state, its timers).
import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

const increment = assign({
  public: (ctx) => {
    console.log(`counted ${ctx.public.count + 1}`);
    return { ...ctx.public, count: ctx.public.count + 1 };
  },
});

export default createMachine({
  id: "retained",
  predictableActionArguments: true,
  initial: "counting",
  context: { public: { count: 0, woke: false } },
  states: {
    counting: {
      on: { increment: { actions: increment }, wait: "waiting" },
    },
    waiting: {
      after: { 5184000000: { target: "counting", actions: assign({ public: (ctx) => ({ ...ctx.public, woke: true }) }) } },
      on: { increment: { actions: increment } },
    },
  },
});
