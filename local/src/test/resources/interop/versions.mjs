// Drives our API with the official client and token packages; prints one "ok <step>" line per check.
import { StateBackedClient, errors } from "@statebacked/client";
import { signToken } from "@statebacked/token";
import { readFile } from "node:fs/promises";
import { check } from "./checks.mjs";

const { API_URL, KEY_ID, SECRET, MACHINE, BUNDLE } = process.env;
const token = await signToken({ stateBackedKeyId: KEY_ID, stateBackedSecretKey: SECRET }, { sub: "interop-user" },
  { expires: { in: "10m" } });
const client = new StateBackedClient(token, { apiHost: API_URL });

await client.machines.create(MACHINE);
const machine = await client.machines.get(MACHINE);
check("machine created", typeof machine.machine.createdAt === "string");

const code = await readFile(BUNDLE, "utf8");
const { machineVersionId } = await client.machineVersions.create(MACHINE, { clientInfo: "interop 1", code, makeCurrent: true });
check("version created", typeof machineVersionId === "string" && machineVersionId.startsWith("mv_"));

const versions = await client.machineVersions.list(MACHINE);
check("version listed", versions.versions.some((v) => v.id === machineVersionId && v.clientInfo === "interop 1"));

const listed = await client.machines.list();
check("machine listed", listed.machines.some((m) => m.slug === MACHINE && m.currentVersion?.id === machineVersionId));

try {
  await client.machines.create("not a valid name");
  check("bad name rejected", false);
} catch (e) {
  check("bad name rejected", e instanceof errors.ClientError && e.code === "invalid-parameter");
}

try {
  await client.machines.create(MACHINE);
  check("duplicate rejected", false);
} catch (e) {
  check("duplicate rejected", e instanceof errors.ConflictError);
}

try {
  await client.machines.get(MACHINE + "-absent");
  check("absent machine not found", false);
} catch (e) {
  check("absent machine not found", e instanceof errors.NotFoundError);
}

const badToken = await signToken({ stateBackedKeyId: KEY_ID, stateBackedSecretKey: "sbsec_wrong" }, { sub: "x" },
  { expires: { in: "10m" } });
try {
  await new StateBackedClient(badToken, { apiHost: API_URL }).machines.list();
  check("bad signature unauthorized", false);
} catch (e) {
  check("bad signature unauthorized", e instanceof errors.ApiError && e.status === 401);
}
console.log("interop done");
