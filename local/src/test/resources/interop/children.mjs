// Drives timers and persistent children with the official client; prints one "ok <step>" line per check.
import { StateBackedClient } from "@statebacked/client";
import { signToken } from "@statebacked/token";
import { readFile } from "node:fs/promises";
import { check } from "./checks.mjs";

const { API_URL, KEY_ID, SECRET, PARENT_BUNDLE, CHILD_BUNDLE, AFTER_BUNDLE } = process.env;
const client = new StateBackedClient(
  await signToken({ stateBackedKeyId: KEY_ID, stateBackedSecretKey: SECRET }, { sub: "interop-user" }, { expires: { in: "10m" } }),
  { apiHost: API_URL });

async function eventually(probe, done, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await probe();
  }
  return value;
}

async function deploy(machine, bundle) {
  await client.machines.create(machine);
  await client.machineVersions.create(machine, { clientInfo: "interop", code: await readFile(bundle, "utf8"), makeCurrent: true });
}

await deploy("after-machine", AFTER_BUNDLE);
await client.machineInstances.create("after-machine", { slug: "a1" });
const waiting = await client.machineInstances.sendEvent("after-machine", "a1", { event: "start" });
check("after: the event returns in the waiting state", waiting.state === "waiting", waiting);
const timedOut = await eventually(() => client.machineInstances.get("after-machine", "a1"), (s) => s.state === "timedOut");
check("after: the timer fired", timedOut.state === "timedOut", timedOut);
const afterHistory = await client.machineInstances.listTransitions("after-machine", "a1");
check("after: its transition is in the history", afterHistory.transitions.some((t) => t.event.type.startsWith("xstate.after(1000)")),
  afterHistory);

await deploy("parent-machine", PARENT_BUNDLE);
await deploy("child-machine", CHILD_BUNDLE);
await client.machineInstances.create("parent-machine", { slug: "p1", context: { uid: "interop-user" } });
const running = await client.machineInstances.sendEvent("parent-machine", "p1", { event: "run" });
check("children: run returns without waiting for them", running.states.includes("running"), running);
const done = await eventually(() => client.machineInstances.get("parent-machine", "p1"), (s) => s.states.includes("running.done"));
check("children: both children said hi", done.states.includes("running.done"), done);
const kids = await client.machineInstances.list("child-machine");
check("children: two persistent child instances", kids.instances.length === 2, kids);
for (const kid of kids.instances) {
  const state = await eventually(() => client.machineInstances.get("child-machine", kid.slug), (s) => s.state === "done");
  check(`children: ${kid.slug} got hiFromParent`, state.state === "done", state);
}
try {
  await client.machineInstances.sendEvent("child-machine", kids.instances[0].slug, { event: "hiFromParent" });
  check("children: a user is not the parent", false, "accepted");
} catch (e) {
  check("children: a user is not the parent", e?.code === "rejected-by-machine-authorizer", `${e?.constructor?.name}: ${e?.message}`);
}
console.log("interop done");
