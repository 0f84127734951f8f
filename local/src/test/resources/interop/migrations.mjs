// Migrations through the official client: machineVersionMigrations.create and updateDesiredVersion.
import { StateBackedClient, errors } from "@statebacked/client";
import { signToken } from "@statebacked/token";
import { readFile } from "node:fs/promises";
import { check, rejects } from "./checks.mjs";

const { API_URL, KEY_ID, SECRET, MACHINE, FIXTURES } = process.env;
const token = await signToken({ stateBackedKeyId: KEY_ID, stateBackedSecretKey: SECRET }, { sub: "interop-user" },
  { expires: { in: "10m" } });
const client = new StateBackedClient(token, { apiHost: API_URL });
const fixture = (name) => readFile(`${FIXTURES}/${name}`, "utf8");

await client.machines.create(MACHINE);
const { machineVersionId: v1 } = await client.machineVersions.create(MACHINE, { code: await fixture("v1.js"), makeCurrent: true });
const { machineVersionId: v2 } = await client.machineVersions.create(MACHINE, { code: await fixture("v2.js") });
const { machineVersionId: v3 } = await client.machineVersions.create(MACHINE, { code: await fixture("v3.js") });

const migration = await client.machineVersionMigrations.create(MACHINE, {
  fromMachineVersionId: v1, toMachineVersionId: v2, code: await fixture("v1-to-v2.js"),
});
check("migration created", typeof migration.machineVersionId === "string" && migration.machineVersionId.startsWith("mvm_"), migration);

await rejects("a migration without upgradeContext is refused", client.machineVersionMigrations.create(MACHINE, {
  fromMachineVersionId: v1, toMachineVersionId: v2, code: await fixture("no-upgrade-context.js"),
}), errors.ClientError);

await client.machineInstances.create(MACHINE, { slug: "upgraded" });
await client.machineInstances.sendEvent(MACHINE, "upgraded", { event: "start" });
await client.machineInstances.sendEvent(MACHINE, "upgraded", { event: "next" });
await client.machineInstances.admin.updateDesiredVersion(MACHINE, "upgraded", { targetMachineVersionId: v2 });
const after = await client.machineInstances.sendEvent(MACHINE, "upgraded", { event: "noop" });
check("upgraded at the next event", after.state.working?.light === "go" && after.state.working?.door === "closed", after.state);

await rejects("no path to a version without migrations",
  client.machineInstances.admin.updateDesiredVersion(MACHINE, "upgraded", { targetMachineVersionId: v3 }),
  errors.NoMigrationPathError);
console.log("interop done");
