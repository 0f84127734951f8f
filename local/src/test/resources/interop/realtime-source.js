// The real-time checks' machine, bundled as smply bundles it. From `idle`, each step is moved on by another
// cause: `go` (an HTTP event) → `timing`; a durable timer (300 ms) → `spawning`, which spawns a persistent child
// whose first act is a message to its parent → `promising`, which invokes a promise settling after 200 ms →
// `settled`. In any state, `increment` counts in the public context, `revoke`/`grant` change who may read.
import { spawnPersistentInstance } from "@statebacked/machine";
import { createMachine, assign } from "xstate";

// context given at creation: { owner, readers: [sub...], childMachine, childName }
export const allowRead = ({ authContext, context }) => (context.readers ?? []).includes(authContext.sub);

export const allowWrite = ({ authContext, context }) =>
  authContext.sub === context.owner || authContext.stateBackedSender?.machineName === context.childMachine;

export default createMachine({
  id: "realtime",
  initial: "idle",
  context: { readers: [], public: { count: 0 } },
  on: {
    increment: { actions: assign({ public: (ctx) => ({ ...ctx.public, count: ctx.public.count + 1 }) }) },
    revoke: { actions: assign({ readers: (ctx, e) => ctx.readers.filter((r) => r !== e.reader) }) },
    grant: { actions: assign({ readers: (ctx, e) => ctx.readers.concat([e.reader]) }) },
  },
  states: {
    idle: { on: { go: "timing" } },
    timing: { tags: ["busy"], after: { 300: "spawning" } },
    spawning: {
      tags: ["busy"],
      entry: assign({
        child: (ctx) =>
          spawnPersistentInstance(
            { machineName: ctx.childMachine, machineInstanceName: ctx.childName },
            { context: { owner: ctx.owner, parentMachine: ctx.selfMachine } },
          ),
      }),
      on: { childSaysHi: "promising" },
    },
    promising: {
      tags: ["busy"],
      invoke: {
        id: "two-hundred-ms",
        src: () => new Promise((resolve) => setTimeout(() => resolve({ answer: 42 }), 200)),
        onDone: {
          target: "settled",
          actions: assign({ public: (ctx, e) => ({ ...ctx.public, answer: e.data.answer }) }),
        },
      },
    },
    settled: { tags: ["settled"] },
  },
});
