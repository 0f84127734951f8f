import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

// version 2: green is go, menu.b is beta; waiting is gone (its instances go to idle, and its timer is dropped)
export default createMachine({
  id: "evolving",
  predictableActionArguments: true,
  initial: "idle",
  context: { version: 2 },
  on: { noop: {} },
  states: {
    idle: { on: { start: "working", menu: "menu", pause: "paused" } },
    working: {
      type: "parallel",
      states: {
        light: { initial: "red", states: { red: { on: { next: "go" } }, go: {} } },
        door: { initial: "closed", states: { closed: { on: { open: "open" } }, open: {} } },
      },
    },
    menu: {
      initial: "a",
      states: { a: { on: { next: "beta" } }, beta: {}, last: { type: "history" } },
      on: { leave: "outside" },
    },
    outside: { on: { back: "menu.last" } },
    paused: { after: { 5000: "idle" } },
  },
});
