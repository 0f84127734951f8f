// The child of State Backed's child-instances example; __PARENT_MACHINE__ is replaced by the test with the
// parent machine's (fresh) name. Its "finish" event reaches a final state, which answers the invoking parent.
import { createMachine, sendParent } from "xstate";

export const allowRead = ({ authContext, context }) => authContext.sub === context.uid;

export const allowWrite = ({ authContext }) => authContext.stateBackedSender?.machineName === "__PARENT_MACHINE__";

export default createMachine({
  // the parent gives { uid }: laid over this, the child keeps its own public part
  context: { uid: null, public: { greeting: "from the child machine" } },
  initial: "start",
  states: {
    start: {
      entry: sendParent({ type: "childSaysHi" }),
      on: {
        hiFromParent: "done",
      },
    },
    done: {
      on: { finish: "finished" },
    },
    // a delayed send to the parent is a durable timer of the child: it fires after the child is done
    finished: { type: "final", data: { result: "ok" }, entry: sendParent({ type: "childWaved" }, { delay: 300 }) },
  },
});
