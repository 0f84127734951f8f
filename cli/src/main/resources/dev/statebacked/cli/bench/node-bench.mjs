// The Node.js side of `statebacked bench engine`: the same machines on the same XState file, doing the same
// work per event as the engine (parse the stored JSON state, State.create + resolveState, transition,
// serialize the new state). Usage: node node-bench.mjs <dir with xstate.mjs and machines> <seconds> <warm-up seconds> <name:EVENT>...
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [dir, secondsArg, warmupArg, ...specs] = process.argv.slice(2);
const seconds = Number(secondsArg);
const warmup = Number(warmupArg);
const xstate = await import(pathToFileURL(path.join(dir, "xstate.mjs")).href);
const { State, toSCXMLEvent } = xstate;

function persist(state) {
  return JSON.stringify({ value: state.value, context: state.context, historyValue: state.historyValue ?? null,
    children: {}, done: !!state.done, tags: Array.from(state.tags), event: state.event });
}

function step(machine, stored, event) {
  const p = JSON.parse(stored);
  const restored = machine.resolveState(State.create({ value: p.value, context: p.context, _event: toSCXMLEvent(p.event || { type: "xstate.init" }),
    _sessionid: null, historyValue: p.historyValue ?? undefined, history: undefined, actions: [], activities: {}, meta: undefined,
    events: [], configuration: [], transitions: [], children: {}, done: p.done, tags: p.tags, machine }));
  return persist(machine.transition(restored, event));
}

const results = {};
for (const spec of specs) {
  const [name, type] = spec.split(":");
  const event = { type, by: "bench" };
  const t0 = performance.now();
  const machine = (await import(pathToFileURL(path.join(dir, name + ".node.mjs")).href)).default;
  let stored = persist(machine.initialState);
  stored = step(machine, stored, event);
  const coldMs = performance.now() - t0;
  // warm up, then measure
  const warmEnd = performance.now() + warmup * 1000;
  while (performance.now() < warmEnd) stored = step(machine, stored, event);
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 10; i++) stored = step(machine, stored, event);
    n += 10;
  }
  results[name] = { transitionsPerSecond: n / ((performance.now() - start) / 1000), coldMs };
}
console.log(JSON.stringify({ node: process.version, results }));
