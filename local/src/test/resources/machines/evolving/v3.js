import { createMachine } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

// version 3: the door's open is ajar
export default createMachine({
  id: "evolving",
  predictableActionArguments: true,
  initial: "idle",
  context: { version: 3 },
  on: { noop: {} },
  states: {
    idle: { on: { start: "working", menu: "menu", pause: "paused" } },
    working: {
      type: "parallel",
      states: {
        light: { initial: "red", states: { red: { on: { next: "go" } }, go: {} } },
        door: { initial: "closed", states: { closed: { on: { open: "ajar" } }, ajar: {} } },
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
