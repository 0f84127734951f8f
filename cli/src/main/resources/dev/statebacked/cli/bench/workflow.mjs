// Bench machine 2: a 20-state workflow; each NEXT passes a guard and runs assigns, and the last step loops back.
import { createMachine, assign } from "xstate";
const N = 20;
const states = {};
for (let i = 0; i < N; i++) {
  const next = "step" + ((i + 1) % N);
  states["step" + i] = {
    on: {
      NEXT: [
        { target: next, cond: (ctx, e) => ctx.approvals >= 0 && e.by !== "blocked", actions: [
          assign({ approvals: (ctx) => ctx.approvals + 1 }),
          assign({ history: (ctx) => [...ctx.history.slice(-9), "step" + i] }),
        ] },
        { target: "rejected" },
      ],
    },
  };
}
states.rejected = { on: { RETRY: "step0" } };
export default createMachine({ id: "workflow", initial: "step0", context: { approvals: 0, history: [] }, states });
export const allowRead = () => true;
export const allowWrite = () => true;
