// Reads the logs with the official client: retrieve page by page, then watch; prints one "ok <step>" per check.
// INSTANCE of MACHINE printed COUNT lines "burst 0000".. in one transition before this script starts, and the test
// waited until all of them could be read.
import { StateBackedClient } from "@statebacked/client";
import { signToken } from "@statebacked/token";
import { check } from "./checks.mjs";

const { API_URL, KEY_ID, SECRET, MACHINE, INSTANCE, FROM, COUNT } = process.env;
const token = await signToken({ stateBackedKeyId: KEY_ID, stateBackedSecretKey: SECRET }, { sub: "logs-reader" },
  { expires: { in: "10m" } });
const client = new StateBackedClient(token, { apiHost: API_URL });
const filter = { machineName: MACHINE, instanceName: INSTANCE };
const JS_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const count = Number(COUNT);
const expected = Array.from({ length: count }, (_, i) => `burst ${String(i).padStart(4, "0")}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// retrieve, page after page, from maxTimestamp to maxTimestamp, until the answer says it is caught up
let from = new Date(FROM);
const pages = [];
while (true) {
  const page = await client.logs.retrieve(from, filter);
  pages.push(page);
  if (page.logs.length === 0 && page.maxTimestamp === from.toISOString()) break;
  check(`page ${pages.length} moves on`, page.maxTimestamp !== from.toISOString(), page.maxTimestamp);
  from = new Date(page.maxTimestamp);
  if (pages.length > 10) break;
}
const lines = pages.flatMap((p) => p.logs);
check("retrieve pages hold at most 100 entries", pages.every((p) => p.logs.length <= 100),
  pages.map((p) => p.logs.length));
check("retrieve needed more than one page", pages.filter((p) => p.logs.length > 0).length >= 2,
  pages.map((p) => p.logs.length));
check("retrieve pages neither repeat nor lose a line",
  JSON.stringify(lines.map((l) => l.log)) === JSON.stringify(expected), lines.map((l) => l.log));
check("timestamps are written as toISOString writes them",
  pages.every((p) => JS_ISO.test(p.maxTimestamp)) && lines.every((l) => JS_ISO.test(l.timestamp)),
  pages.map((p) => p.maxTimestamp));
check("entries are ordered by time",
  lines.every((l, i) => i === 0 || lines[i - 1].timestamp <= l.timestamp), lines.map((l) => l.timestamp));
check("entries name their machine, instance, version and output",
  lines.every((l) => l.machineName === MACHINE && l.instanceName === INSTANCE && l.machineVersionId.startsWith("mv_")
    && l.outputType === "stdout" && typeof l.orgId === "string"), lines[0]);
const caughtUp = pages.at(-1);
check("caught up: no entries and maxTimestamp is from", caughtUp.logs.length === 0
  && caughtUp.maxTimestamp === from.toISOString(), { caughtUp, from: from.toISOString() });

// a range with `to`: lines before it (exclusive), and watch stops there
const tenth = new Date(lines[10].timestamp);
const ranged = await client.logs.retrieve(new Date(FROM), { ...filter, to: tenth });
check("to is exclusive", JSON.stringify(ranged.logs.map((l) => l.log)) === JSON.stringify(expected.slice(0, 10)),
  ranged.logs.map((l) => l.log));
const bounded = [];
for await (const line of client.logs.watch(new Date(FROM), { ...filter, to: tenth })) {
  bounded.push(line.log);
}
check("watch with to ends after the range", JSON.stringify(bounded) === JSON.stringify(expected.slice(0, 10)),
  bounded);

// watch: every line so far, then lines printed while it watches
const abort = new AbortController();
const watched = client.logs.watch(new Date(FROM), filter, abort.signal)[Symbol.asyncIterator]();
const seen = [];
for (let i = 0; i < count; i++) {
  const next = await watched.next();
  seen.push(next.value?.log);
}
check("watch delivers every line once, in order", JSON.stringify(seen) === JSON.stringify(expected), seen);

await client.machineInstances.sendEvent(MACHINE, INSTANCE, { event: { type: "burst", tag: "late", count: 3 } });
// wait until the new lines can be read, so the iterator's next poll finds them (not its 30 s pause)
let visible = false;
for (let i = 0; i < 60 && !visible; i++) {
  visible = (await client.logs.retrieve(from, filter)).logs.length === 3;
  if (!visible) await sleep(250);
}
check("new lines become readable", visible);
const late = [];
for (let i = 0; i < 3; i++) {
  late.push((await watched.next()).value?.log);
}
check("watch delivers lines printed after it started", JSON.stringify(late) === JSON.stringify(["late 0000",
  "late 0001", "late 0002"]), late);
const waiting = watched.next(); // caught up: the client pauses 30 s before it asks again
setTimeout(() => abort.abort(), 200);
const ended = await waiting;
check("an aborted watch ends", ended.done === true, ended);
console.log("interop done");
