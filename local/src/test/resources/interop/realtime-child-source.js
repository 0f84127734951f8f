// The real-time checks' persistent child: its first act is a message to the instance that spawned it.
import { createMachine, sendParent } from "xstate";

// context given by the parent: { owner, parentMachine }
export const allowRead = ({ authContext, context }) => authContext.sub === context.owner;

export const allowWrite = ({ authContext, context }) =>
  authContext.stateBackedSender?.machineName === context.parentMachine;

export default createMachine({
  initial: "greeting",
  states: {
    greeting: { entry: sendParent({ type: "childSaysHi" }) },
  },
});
