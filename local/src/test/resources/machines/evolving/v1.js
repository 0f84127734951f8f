import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

// version 1: a parallel state, a history state and an `after` timer, each renamed by the migrations
export default createMachine({
  id: "evolving",
  predictableActionArguments: true,
  initial: "idle",
  context: { version: 1 },
  on: { noop: {} },
  states: {
    idle: { on: { start: "working", menu: "menu", pause: "paused", wait: "waiting" } },
    working: {
      type: "parallel",
      states: {
        light: { initial: "red", states: { red: { on: { next: "green" } }, green: {} } },
        door: { initial: "closed", states: { closed: { on: { open: "open" } }, open: {} } },
      },
    },
    menu: {
      initial: "a",
      states: { a: { on: { next: "b" } }, b: {}, last: { type: "history" } },
      on: { leave: "outside" },
    },
    outside: { on: { back: "menu.last" } },
    paused: { after: { 5000: "idle" } },
    waiting: { after: { 5000: "idle" } },
  },
});
