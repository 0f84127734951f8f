// Drives the instance routes with the official client; prints one "ok <step>" line per check.
import { StateBackedClient, errors } from "@statebacked/client";
import { signToken } from "@statebacked/token";
import { readFile } from "node:fs/promises";
import { check, rejects } from "./checks.mjs";

const { API_URL, KEY_ID, SECRET, MACHINE, BUNDLE } = process.env;
const tokenFor = (sub) => signToken({ stateBackedKeyId: KEY_ID, stateBackedSecretKey: SECRET }, { sub },
  { expires: { in: "10m" } });
const client = new StateBackedClient(await tokenFor("interop-user"), { apiHost: API_URL });

await client.machines.create(MACHINE);
await client.machineVersions.create(MACHINE, { clientInfo: "interop", code: await readFile(BUNDLE, "utf8"), makeCurrent: true });

const created = await client.machineInstances.create(MACHINE, { slug: "first", context: { public: { count: 10 } } });
check("instance created", created.state === "idle" && created.publicContext?.count === 10 && created.done === false,
  created);
check("states from the state value", JSON.stringify(created.states) === JSON.stringify(["idle"]), created.states);

const bare = await client.machineInstances.create(MACHINE, { slug: "bare" });
check("no context starts from the machine's own", bare.publicContext?.count === 0, bare);
await client.machineInstances.create(MACHINE, { slug: "owned", context: { ownerId: "interop-user" } });
const owned = await client.machineInstances.admin.get(MACHINE, "owned");
check("given context laid over the machine's own",
  owned.context?.public?.count === 0 && owned.context?.ownerId === "interop-user", owned);

await rejects("duplicate instance is a conflict",
  client.machineInstances.create(MACHINE, { slug: "first" }), errors.ConflictError);

const byName = await client.machineInstances.sendEvent(MACHINE, "first", { event: "increment" });
check("event by name", byName.publicContext?.count === 11, byName);
const byObject = await client.machineInstances.sendEvent(MACHINE, "first", { event: { type: "increment", extra: 1 } });
check("event as object", byObject.publicContext?.count === 12, byObject);

const read = await client.machineInstances.get(MACHINE, "first");
check("state read", read.state === "idle" && read.publicContext?.count === 12 && typeof read.ts === "number", read);

const blocked = new StateBackedClient(await tokenFor("blocked"), { apiHost: API_URL });
await rejects("read refused by allowRead", blocked.machineInstances.get(MACHINE, "first"),
  errors.RejectedByMachineAuthorizerError);

const transitions = await client.machineInstances.listTransitions(MACHINE, "first");
check("transitions listed oldest first", transitions.transitions.map((t) => t.event.type).join(",")
  === "xstate.init,increment,increment", transitions);

const listed = await client.machineInstances.list(MACHINE);
check("instance listed", listed.instances.some((i) => i.slug === "first" && i.status === "running"), listed);

const adminView = await client.machineInstances.admin.get(MACHINE, "first");
check("admin view", adminView.context?.public?.count === 12 && adminView.status === "running", adminView);

await client.machineInstances.dangerously.setStatus(MACHINE, "first", { status: "paused" });
await rejects("paused instance refuses events",
  client.machineInstances.sendEvent(MACHINE, "first", { event: "increment" }), errors.ConflictError);
await client.machineInstances.dangerously.setStatus(MACHINE, "first", { status: "running" });
const resumed = await client.machineInstances.sendEvent(MACHINE, "first", { event: "finish" });
check("resumed instance takes events", resumed.state === "done" && resumed.done === true, resumed);

await client.machineInstances.dangerously.delete(MACHINE, "first", { dangerDataWillBeDeletedForever: true });
await rejects("deleted instance is not found", client.machineInstances.get(MACHINE, "first"), errors.NotFoundError);
console.log("interop done");
