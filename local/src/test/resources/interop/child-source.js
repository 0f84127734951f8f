// seeds/child-instances.md's child, bundled as smply bundles it.
import { createMachine, sendParent } from "xstate";

export const allowRead = ({ authContext, context }) => authContext.sub === context.uid;

export const allowWrite = ({ authContext }) => authContext.stateBackedSender?.machineName === "parent-machine";

export default createMachine({
  initial: "start",
  states: {
    start: {
      entry: sendParent({ type: "childSaysHi" }),
      on: { hiFromParent: "done" },
    },
    done: {},
  },
});
