// An instance watched in real time: "bump" counts up, "bumpLater" counts up after 200 ms (a durable timer), and
// allowRead lets an end user read while their sub is not in the context's `barred` list ("bar" adds one).
import { createMachine, assign } from "xstate";

export const allowRead = ({ context, authContext }) => !(context.barred ?? []).includes(authContext.sub);
export const allowWrite = () => true;

export default createMachine({
  predictableActionArguments: true,
  initial: "watching",
  context: { barred: [], public: { count: 0 } },
  states: {
    watching: {
      on: {
        bump: { actions: assign({ public: (ctx) => ({ count: ctx.public.count + 1 }) }) },
        bumpLater: { target: "waiting" },
        bar: { actions: assign({ barred: (ctx, e) => [...ctx.barred, e.sub] }) },
      },
    },
    waiting: {
      after: { 200: { target: "watching", actions: assign({ public: (ctx) => ({ count: ctx.public.count + 1 }) }) } },
    },
  },
});
