import { createMachine, assign, send, pure } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

// Bench machine for `statebacked bench timers`: each "arm" sets one delayed send to self ("armAll" one per entry
// of its `timers`); the "fire" it delivers records when it was due (clock read in the arming transition) and when
// it fired (clock read in the firing one).
export default createMachine({
  id: "timers",
  predictableActionArguments: true,
  initial: "idle",
  context: { public: { fired: [] } },
  states: {
    idle: {
      on: {
        arm: {
          actions: send((_, e) => ({ type: "fire", n: e.n, dueAt: Date.now() + e.delay }), { delay: (_, e) => e.delay }),
        },
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
