import { createMachine, assign, send, pure } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

// Bench machine for `statebacked bench timers`: "armAll" sets one delayed send to self per entry of its
// `timers`; the "fire" each delivers records when it was due (clock read in the arming transition) and when
// it fired (clock read in the firing one).
export default createMachine({
  id: "timers",
  predictableActionArguments: true,
  initial: "idle",
  context: { public: { fired: [] } },
  states: {
    idle: {
      on: {
        armAll: {
          actions: pure((_, e) => e.timers.map((t) =>
            send({ type: "fire", n: t.n, dueAt: Date.now() + t.delay }, { delay: t.delay, id: "t" + t.n }))),
        },
        fire: {
          // a create without context gets {}, not the machine's default: hence the ?.
          actions: assign({
            public: (ctx, e) => ({ fired: [...(ctx.public?.fired ?? []), { n: e.n, dueAt: e.dueAt, at: Date.now() }] }),
          }),
        },
      },
    },
  },
});
