// Bench machine 3: a 100 KB context (1000 records of ~100 bytes); UPDATE rewrites one record.
import { createMachine, assign } from "xstate";
const records = [];
for (let i = 0; i < 1000; i++) records.push({ id: i, name: "record-" + i, tags: ["a", "b"], payload: "x".repeat(40), n: i });
export default createMachine({
  id: "big",
  initial: "ready",
  context: { records, updates: 0 },
  states: { ready: { on: { UPDATE: { actions: assign((ctx, e) => {
    const i = ctx.updates % ctx.records.length;
    const copy = ctx.records.slice();
    copy[i] = { ...copy[i], n: copy[i].n + 1 };
    return { records: copy, updates: ctx.updates + 1 };
  }) } } } },
});
export const allowRead = () => true;
export const allowWrite = () => true;
