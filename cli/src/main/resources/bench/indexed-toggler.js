import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

// the toggler with two indexed values that every toggle changes: light (a string) and tags (an array of one)
export default createMachine({
  id: "indexed-toggler",
  predictableActionArguments: true,
  initial: "off",
  context: { light: "off", tags: ["dark"] },
  states: {
    off: { on: { toggle: { target: "on", actions: assign({ light: "on", tags: ["bright"] }) } } },
    on: { on: { toggle: { target: "off", actions: assign({ light: "off", tags: ["dark"] }) } } },
  },
});
