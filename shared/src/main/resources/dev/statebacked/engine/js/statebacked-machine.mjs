// The service's implementation of the runtime contract of `@statebacked/machine`.
// Shapes match the npm package 0.6.0, so bundles that inline their own copy behave the same.
import { spawn, persistentRuntime } from "./runtime.mjs";

/** Spawns a persistent instance of another machine. Only valid inside assign(). */
export function spawnPersistentInstance(instanceDescriptor, opts) {
  return persistentRuntime.spawn(instanceDescriptor, opts);
}

/** An invoke `src` that creates (or addresses) a persistent instance of another machine. */
export function persistentInvocableSource(instanceDescriptor) {
  return {
    type: "statebacked.invoke",
    machineName: instanceDescriptor.machineName,
    machineInstanceName: instanceDescriptor.machineInstanceName ?? crypto.randomUUID(),
    machineVersionId: instanceDescriptor.machineVersionId,
  };
}

/** Sends to a persistent or ephemeral actor (a ref, a spawn name or invoke id, or a function returning one). */
export function sendTo(actor, event, opts) {
  return {
    type: "xstate.send",
    to: actor,
    event: typeof event === "function" ? event : () => event,
    delay: opts?.delay,
    id: opts?.id,
  };
}

/** Spawns an ephemeral actor (promise, callback, machine) that lives while the instance settles. */
export function spawnEphemeralInstance(entity, nameOrOptions) {
  return spawn(entity, nameOrOptions);
}
