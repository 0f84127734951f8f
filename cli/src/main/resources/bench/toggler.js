import { createMachine } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

export default createMachine({
  id: "toggler",
  predictableActionArguments: true,
  initial: "off",
  states: {
    off: { on: { toggle: "on" } },
    on: { on: { toggle: "off" } },
  },
});
