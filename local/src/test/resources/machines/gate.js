// A receiver whose allowWrite rejects events from other instances until a user opens it (reliable messages).
import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = ({ type, authContext, context }) =>
  type === "initialization" || !authContext.stateBackedSender || context.open === true;

export default createMachine({
  predictableActionArguments: true,
  initial: "waiting",
  context: { open: false, public: { knocks: 0 } },
  states: {
    waiting: {
      on: {
        open: { actions: assign({ open: () => true }) },
        knock: { actions: assign({ public: (ctx) => ({ knocks: (ctx.public?.knocks ?? 0) + 1 }) }) },
      },
    },
  },
});
