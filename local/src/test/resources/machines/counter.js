// A counter with every way user code can fail, one event each.
import { createMachine, assign } from "xstate";

// end user "no-reader" may not read; "read-only" may not send events; a context with refuse: true is not created,
// nor one with alone: true that comes to the authorizer with other keys (the machine's own, laid over too early)
export const allowRead = ({ authContext }) => authContext.sub !== "no-reader";
export const allowWrite = ({ type, context, event, authContext }) => {
  if (type === "initialization") {
    return !(context && (context.refuse === true || (context.alone === true && Object.keys(context).length > 1)));
  }
  if (event.type === "authorizer-throws") {
    throw new Error("the authorizer threw on purpose");
  }
  return authContext.sub !== "read-only";
};

export default createMachine({
  id: "counter",
  predictableActionArguments: true,
  initial: "counting",
  context: { public: { count: 0 }, secret: "never leaves the instance" },
  states: {
    counting: {
      tags: ["active"],
      on: {
        increment: { actions: assign({ public: (ctx) => ({ ...ctx.public, count: ctx.public.count + 1 }) }) },
        stop: "stopped",
        "guard-throws": { cond: () => { throw new Error("the guard threw on purpose"); }, target: "stopped" },
        "assign-throws": { target: "stopped", actions: assign({ public: () => { throw new Error("the assign threw on purpose"); } }) },
        "guard-loops": { cond: () => { for (;;) { /* forever */ } }, target: "stopped" },
        grow: { target: "stopped", actions: assign({ padding: (_, event) => "x".repeat(event.bytes) }) },
      },
    },
    stopped: {
      on: { resume: "counting" },
    },
  },
});
