// The engine's JavaScript half. One copy per GraalJS context; the Java side calls the exported functions with
// JSON strings and gets JSON strings back, so a call crosses the boundary once each way.
//
// Design: every transition is a *pure* `machine.transition(restoredState, event)`. Nothing runs while computing
// it except guards, assigns and delay/target expressions. The resolved `state.actions` become a list of effects;
// the host persists the new state first and only then asks us to run the effects that live in this context
// (custom actions, ephemeral services, sends to them). Effects that must be durable (timers, persistent
// children, sends to the parent) are only described; the host carries them out.
import { State, toSCXMLEvent, Interpreter, InterpreterStatus } from "./xstate.mjs";

let machine = null;
let userModule = null;
/** Spawns recorded while a transition is computed (spawn() only works inside assign). */
let scope = null;
/** The last transition: its XState state and the resolved actions, for runEffects(). */
let last = null;
/** Runs ephemeral services on XState's own Interpreter code, but never started: it only owns children. */
let serviceHost = null;
/** Events for this machine produced by its services (done/error, sendBack, sendParent) and sends to self. */
const inbox = [];
/** The outcome of the last async user call (authorizers, migrations). */
let pendingCall = null;

const DONE_INVOKE = "done.invoke.";
const ERROR_PLATFORM = "error.platform.";
const MAX_SPAWN_NAME = 128;

// ---------- the runtime contract of @statebacked/machine ----------

/** `spawn` for users of `xstate`: records the request; the actor starts after the host persisted the state. */
export function spawn(entity, nameOrOptions) {
  const options = typeof nameOrOptions === "string" ? { name: nameOrOptions } : { ...(nameOrOptions || {}) };
  if (!scope) throw new Error("spawn() can only be called inside assign() while the machine handles an event");
  // A random name, not XState's counter: counters restart in every context and would collide after a restore.
  const name = options.name ?? "spawned-" + crypto.randomUUID();
  if (String(name).length > MAX_SPAWN_NAME) throw new Error("spawn name is too long: " + name);
  scope.spawns.push({ name, entity, options });
  return ephemeralRef(name);
}

function ephemeralRef(id) {
  // Serializes to {id} like XState's own refs, so a context that holds it stays JSON.
  return {
    id,
    xstate$$type: 1,
    send(event) { const child = serviceHost && serviceHost.children.get(id); if (child) child.send(event); },
    getSnapshot() { const child = serviceHost && serviceHost.children.get(id); return child && child.getSnapshot ? child.getSnapshot() : undefined; },
    subscribe() { return { unsubscribe() {} }; },
    toJSON() { return { id, xstate$$type: 1 }; },
  };
}

/** `globalThis.__statebacked_rt` (and 0.6.0's spelling `__statebaked_rt`): spawnPersistentInstance. */
export const persistentRuntime = Object.freeze({
  spawn(descriptor, opts) {
    if (!scope) throw new Error("spawnPersistentInstance() can only be called inside assign() while the machine handles an event");
    if (!descriptor || typeof descriptor.machineName !== "string") throw new TypeError("spawnPersistentInstance: machineName is required");
    const id = opts?.name ?? crypto.randomUUID();
    const ref = {
      type: "statebacked.instance",
      id,
      machineName: descriptor.machineName,
      machineInstanceName: descriptor.machineInstanceName ?? crypto.randomUUID(),
      machineVersionId: descriptor.machineVersionId ?? null,
    };
    // child-instances.md passes the initial context as opts.context; earlier bundles put it in the descriptor
    scope.persistentSpawns.push({ ...ref, context: opts?.context ?? descriptor.context ?? {} });
    return ref;
  },
});

// ---------- loading and validation ----------

function isMachine(v) {
  return v != null && typeof v === "object" && "__xstatenode" in v;
}

/** Validates the exports of a machine ("machine") or migration ("migration") module; returns [{name, message}]. */
export function load(namespace, kind) {
  const problems = [];
  const need = (name, check, expected) => {
    if (!(name in namespace) || namespace[name] === undefined) problems.push({ name, message: `missing export '${name}' (expected ${expected})` });
    else if (!check(namespace[name])) problems.push({ name, message: `export '${name}' must be ${expected}, got ${describe(namespace[name])}` });
  };
  if (kind === "machine") {
    need("default", isMachine, "an XState v4 machine (createMachine(...))");
    need("allowRead", (f) => typeof f === "function", "a function");
    need("allowWrite", (f) => typeof f === "function", "a function");
    if (namespace.httpApiMapper !== undefined) {
      for (const message of httpApiMapperProblems(namespace.httpApiMapper)) problems.push({ name: "httpApiMapper", message });
    }
    if (!problems.length) {
      machine = namespace.default;
      // As XState's interpreter does before it starts: formats every state's transitions, which is when `after`
      // adds its delayed sends to the states' entry actions. Without it, a context whose first call is a
      // transition (no initial state first) enters states without their timers.
      if (typeof machine._init === "function") machine._init();
    }
  } else {
    need("upgradeState", (f) => typeof f === "function", "a function");
    need("upgradeContext", (f) => typeof f === "function", "a function");
  }
  userModule = namespace;
  return JSON.stringify(problems);
}

const HTTP_API_SLUG = /^[a-zA-Z0-9_-]{1,128}$/;

/** An HTTP API mapper is an object of slug -> { handler, responseMapper? }, both functions. */
function httpApiMapperProblems(mapper) {
  if (!isPlainObject(mapper)) return [`export 'httpApiMapper' must be an object of { handler, responseMapper? } by slug, got ${describe(mapper)}`];
  const problems = [];
  for (const [slug, endpoint] of Object.entries(mapper)) {
    const where = `httpApiMapper[${JSON.stringify(slug)}]`;
    if (!HTTP_API_SLUG.test(slug)) problems.push(`${where}: a slug has 1 to 128 letters, digits, '_' or '-'`);
    if (!isPlainObject(endpoint)) problems.push(`${where} must be an object of { handler, responseMapper? }, got ${describe(endpoint)}`);
    else {
      if (typeof endpoint.handler !== "function") problems.push(`${where}.handler must be a function, got ${describe(endpoint.handler)}`);
      if (endpoint.responseMapper !== undefined && typeof endpoint.responseMapper !== "function") {
        problems.push(`${where}.responseMapper must be a function when given, got ${describe(endpoint.responseMapper)}`);
      }
    }
  }
  return problems;
}

/** What the version's HTTP API offers at {@code slug}: null when nothing, else whether it maps responses. */
export function httpApiEndpoint(slug) {
  const mapper = userModule.httpApiMapper;
  if (!isPlainObject(mapper) || !Object.hasOwn(mapper, slug)) return null;
  return JSON.stringify({ responseMapper: typeof mapper[slug].responseMapper === "function" });
}

/** The done data of a persisted state: its top-level final state's data, else null. */
export function doneData(persistedJson, contextJson) {
  const persisted = JSON.parse(persistedJson);
  persisted.context = JSON.parse(contextJson);
  const state = restore(persisted);
  return JSON.stringify(state.done ? doneDataOf(state) ?? null : null);
}

function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object that is not a machine" : "a " + typeof v;
}

// ---------- transitions ----------

/** The initial state for a given context laid over the machine's own (the machine's own when contextJson is null). */
export function initial(contextJson, maxContextBytes) {
  scope = newScope();
  let state, recorded;
  try {
    // Not machine.withContext(): that builds a second machine sharing the config, and the `after` timers of
    // states entered later are then lost from the original's transitions (XState 4.38).
    state = machine.getInitialState(machine.initialStateValue, initialContext(contextJson));
  } finally {
    recorded = scope;
    scope = null;
  }
  return finish(state, {}, recorded, null, maxContextBytes, true);
}

/**
 * Machines are created with a few keys (a user id) and read the rest from their own context, so the given
 * context is laid over the machine's, top-level key by key (the README's create-context rule).
 */
function initialContext(contextJson) {
  const own = machine.context;
  if (contextJson == null) return own;
  const given = JSON.parse(contextJson);
  return isPlainObject(own) && isPlainObject(given) ? { ...own, ...given } : given;
}

function isPlainObject(v) {
  return v != null && typeof v === "object" && !Array.isArray(v);
}

/** Restores a persisted state and applies one event to it. */
export function transition(persistedJson, contextJson, eventJson, maxContextBytes) {
  const persisted = JSON.parse(persistedJson);
  persisted.context = JSON.parse(contextJson);
  const event = JSON.parse(eventJson);
  if (!event || typeof event.type !== "string") throw new TypeError("an event must be an object with a string 'type'");
  const current = restore(persisted);
  scope = newScope();
  let next, recorded;
  try {
    next = machine.transition(current, event);
  } finally {
    recorded = scope;
    scope = null;
  }
  return finish(next, persisted.children || {}, recorded, event, maxContextBytes, false, next.context === current.context ? contextJson : undefined, current.context);
}

/**
 * The state a migration made: its leaf state paths (parallel regions each have one), the remembered paths of
 * history states (each with the depth of the state that remembers it) and the upgraded context, resolved on this
 * machine. Every path must name states this machine has. Nothing runs: like a restore, it has no actions, so
 * no entry action or timer of the new states fires again; the host keeps the timers that still apply.
 */
export function upgraded(upgradeJson, contextJson, eventJson, maxContextBytes) {
  const upgrade = JSON.parse(upgradeJson);
  const context = JSON.parse(contextJson);
  const event = JSON.parse(eventJson);
  const value = stateValueOf(upgrade.leafPaths);
  const historyValue = machine.historyValue(value);
  for (const { depth, path } of upgrade.historyPaths) {
    // what a state remembers of states the new version no longer has is forgotten, not an error
    if (!exists(path)) continue;
    let remembering = historyValue;
    for (let i = 0; i < depth && remembering; i++) remembering = remembering.states[path[i]];
    if (remembering && depth < path.length) remembering.current = stateValueOf([path.slice(depth)], false);
  }
  const state = restore({ value, context, historyValue, event, children: upgrade.children, done: false, tags: [] });
  const [resultJson, resultContextJson] = finish(state, upgrade.children || {}, newScope(), event, maxContextBytes, false, undefined, context);
  // the host cancels the `after` timers of states that are no longer active
  const result = JSON.parse(resultJson);
  result.activeStateIds = state.configuration.map((node) => node.id);
  return [JSON.stringify(result), resultContextJson];
}

function exists(path) {
  try {
    machine.getStateNodeByPath(path);
    return true;
  } catch {
    return false;
  }
}

/** Leaf state paths to a state value ({ a: "b", p: { r1: "x", r2: "y" } }), each checked against the machine. */
function stateValueOf(paths, check = true) {
  if (!Array.isArray(paths) || paths.length === 0) throw new TypeError("a migration must produce at least one state path");
  const tree = {};
  for (const path of paths) {
    if (!Array.isArray(path) || path.length === 0 || path.some((p) => typeof p !== "string")) {
      throw new TypeError("a state path must be a non-empty array of state names, got " + JSON.stringify(path));
    }
    if (check) machine.getStateNodeByPath(path);
    let node = tree;
    for (const name of path) node = node[name] ??= {};
  }
  const collapse = (node) => {
    const names = Object.keys(node);
    if (names.length === 1 && Object.keys(node[names[0]]).length === 0) return names[0];
    return Object.fromEntries(names.map((name) => [name, Object.keys(node[name]).length === 0 ? {} : collapse(node[name])]));
  };
  return collapse(tree);
}

function newScope() {
  return { spawns: [], persistentSpawns: [] };
}

/**
 * State.create + resolveState: the documented way to rehydrate in v4 (statelyai/xstate#316, #1020).
 * The restored state has no actions and no pending activities, so restoring never runs anything again
 * (#194, #1757, #4860): only actions of the *next* transition are returned.
 */
function restore(p) {
  const state = State.create({
    value: p.value,
    context: p.context,
    _event: toSCXMLEvent(p.event || { type: "xstate.init" }),
    _sessionid: null,
    historyValue: p.historyValue ?? undefined,
    history: undefined,
    actions: [],
    activities: {},
    meta: undefined,
    events: [],
    configuration: [],
    transitions: [],
    children: {},
    done: !!p.done,
    tags: p.tags || [],
    machine,
  });
  return machine.resolveState(state);
}

function childIdOf(to) {
  if (typeof to === "string") return to;
  if (to && typeof to === "object" && typeof to.id === "string") return to.id;
  return null;
}

function finish(state, previousChildren, recorded, event, maxContextBytes, isInitial, unchangedContextJson, previousContext) {
  const children = { ...previousChildren };
  // A done/error event of a child ends that child.
  if (event && typeof event.type === "string") {
    for (const prefix of [DONE_INVOKE, ERROR_PLATFORM]) {
      if (event.type.startsWith(prefix)) {
        const id = event.type.slice(prefix.length);
        if (children[id] && children[id].kind === "ephemeral") delete children[id];
      }
    }
  }
  const effects = [];
  const runnable = []; // parallel to effects: what runEffects needs that JSON cannot carry

  for (const s of recorded.persistentSpawns) {
    children[s.id] = { kind: "persistent", origin: "spawn", machineName: s.machineName, machineInstanceName: s.machineInstanceName, machineVersionId: s.machineVersionId };
    effects.push({ kind: "startPersistentChild", childId: s.id, origin: "spawn", machineName: s.machineName, machineInstanceName: s.machineInstanceName, machineVersionId: s.machineVersionId, context: s.context });
    runnable.push(null);
  }
  for (const s of recorded.spawns) {
    children[s.name] = { kind: "ephemeral", origin: "spawn" };
    effects.push({ kind: "startService", childId: s.name, origin: "spawn", src: srcName(s.entity) });
    runnable.push(s);
  }

  // Persistent invocations are named before any send is resolved, so a send that precedes its invoke's start in
  // the action list (predictableActionArguments orders entry actions before starts) still reaches the child.
  const persistentStarts = {};
  for (const action of state.actions) {
    if (action.type !== "xstate.start" || action.activity.type !== "xstate.invoke") continue;
    const id = action.activity.id || action.activity.type;
    const src = toInvokeSource(action.activity.src);
    if (state.activities[id] && src && src.type === "statebacked.invoke") {
      persistentStarts[id] = { machineName: src.machineName, machineInstanceName: src.machineInstanceName ?? crypto.randomUUID(), machineVersionId: src.machineVersionId ?? null };
    }
  }

  for (const action of state.actions) {
    switch (action.type) {
      case "xstate.send": {
        const ev = plainEvent(action.event);
        const childId = action.to === undefined || action.to === "#_internal" || action.to === "#_parent" ? null : childIdOf(action.to);
        let target;
        if (action.to === undefined || action.to === "#_internal" || (childId && childId === machine.id && !children[childId])) target = { kind: "self" };
        else if (action.to === "#_parent") target = { kind: "parent" };
        else if (childId == null) throw new Error("cannot resolve the target of send(" + ev.type + ")");
        else if (children[childId]?.kind === "persistent") target = { kind: "persistentChild", childId, ...pick(children[childId]) };
        else if (persistentStarts[childId]) target = { kind: "persistentChild", childId, ...persistentStarts[childId] };
        else if (action.to && action.to.type === "statebacked.instance") target = { kind: "persistentChild", childId, ...pick(action.to) };
        else target = { kind: "ephemeralChild", childId };
        if (typeof action.delay === "number") {
          effects.push({ kind: "delayedSend", sendId: action.id == null ? ev.type : String(action.id), target, event: ev, delayMs: Math.max(0, Math.round(action.delay)) });
        } else {
          effects.push({ kind: "send", target, event: ev });
        }
        runnable.push(null);
        break;
      }
      case "xstate.cancel":
        effects.push({ kind: "cancel", sendId: String(action.sendId) });
        runnable.push(null);
        break;
      case "xstate.start": {
        const activity = action.activity;
        const id = activity.id || activity.type;
        // A service started and stopped within one macrostep (e.g. a transient state) never runs, as in the interpreter.
        if (!state.activities[id]) break;
        if (activity.type !== "xstate.invoke") {
          effects.push({ kind: "log", level: "warn", message: `activity '${id}' ignored: XState activities are not supported, use invoke` });
          runnable.push(null);
          break;
        }
        const src = toInvokeSource(activity.src);
        if (src && src.type === "statebacked.invoke") {
          // The name is recorded now and reused from the persisted state: 0.6.0 picks it at random per evaluation.
          const ref = persistentStarts[id];
          children[id] = { kind: "persistent", origin: "invoke", ...ref };
          const data = activity.data ? mapContext(activity.data, state.context, state._event) : {};
          effects.push({ kind: "startPersistentChild", childId: id, origin: "invoke", ...ref, context: data ?? {} });
          runnable.push(null);
        } else {
          children[id] = { kind: "ephemeral", origin: "invoke" };
          effects.push({ kind: "startService", childId: id, origin: "invoke", src: src ? String(src.type) : "unknown" });
          runnable.push({ activity });
        }
        break;
      }
      case "xstate.stop": {
        const id = childIdOf(action.activity);
        const child = id != null ? children[id] : undefined;
        if (!child) break;
        delete children[id];
        if (child.kind === "persistent") effects.push({ kind: "stopPersistentChild", childId: id, ...pick(child) });
        else effects.push({ kind: "stopService", childId: id });
        runnable.push(null);
        break;
      }
      case "xstate.log":
        effects.push({ kind: "log", level: "info", message: formatLog(action.label, action.value) });
        runnable.push(null);
        break;
      default:
        if (typeof action.type === "string" && action.type.startsWith("xstate.")) break; // resolved internally
        effects.push({ kind: "action", type: String(action.type), implemented: typeof action.exec === "function" });
        runnable.push(action);
    }
  }

  const contextJson = contextToJson(state.context, maxContextBytes, unchangedContextJson, previousContext);
  const persisted = {
    value: state.value,
    historyValue: state.historyValue ?? null,
    children,
    done: !!state.done,
    tags: Array.from(state.tags || []),
    event: isInitial ? null : plainEvent(state.event),
  };
  last = { state, effects, runnable };
  const out = { state: persisted, effects, doneData: state.done ? doneDataOf(state) : null };
  // The context goes back as its own string: the host measures its UTF-8 size and may store it as is.
  return [JSON.stringify(out), contextJson];
}

/** Invoke sources are either a service name or an object with a type (XState's toInvokeSource). */
function toInvokeSource(src) {
  return typeof src === "string" ? { type: src } : src;
}

function pick(child) {
  return { machineName: child.machineName, machineInstanceName: child.machineInstanceName, machineVersionId: child.machineVersionId ?? null };
}

function srcName(entity) {
  if (isMachine(entity)) return "machine:" + entity.id;
  if (entity && typeof entity.then === "function") return "promise";
  if (typeof entity === "function") return "callback";
  return typeof entity;
}

function mapContext(mapper, context, _event) {
  if (typeof mapper === "function") return mapper(context, _event.data);
  const result = {};
  for (const key of Object.keys(mapper)) {
    const sub = mapper[key];
    result[key] = typeof sub === "function" ? sub(context, _event.data) : sub;
  }
  return result;
}

function doneDataOf(state) {
  for (const node of state.configuration) {
    if (node.type === "final" && node.parent === machine && node.doneData) {
      return jsonSafe(mapContext(node.doneData, state.context, state._event));
    }
  }
  return null;
}

function formatLog(label, value) {
  const v = typeof value === "string" ? value : safeStringify(value);
  return label === undefined ? v : `${label}: ${v}`;
}

function safeStringify(v) {
  try { const s = JSON.stringify(v); return s === undefined ? String(v) : s; } catch (e) { return String(v); }
}

/** Errors become {name, message, stack} so events stay JSON (XState puts Error objects in error.platform data). */
function jsonSafe(value) {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value, (k, v) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v)) ?? "null");
}

function plainEvent(e) {
  const data = e && e.$$type === "scxml" ? e.data : e;
  return jsonSafe(data) ?? { type: "xstate.unknown" };
}

/** Context must be plain JSON: a Map, a class instance, a function or NaN would silently change when stored. */
function contextToJson(context, maxContextBytes, unchangedJson, previousContext) {
  // An event that assigned nothing leaves the very same object: its stored JSON is still right.
  if (unchangedJson !== undefined) return unchangedJson;
  walk.chars = 0;
  walk.limit = maxContextBytes;
  assertPlainJson(context === undefined ? null : context, previousContext, "context", 0);
  const json = JSON.stringify(context === undefined ? null : context);
  // Characters never outnumber UTF-8 bytes: this cheap check stops huge contexts here; the host counts exact bytes.
  if (json.length > maxContextBytes) throw tooLarge(json.length, maxContextBytes);
  return json;
}

const walk = { chars: 0, limit: 0 };

function tooLarge(size, limit) {
  const e = new Error(`context is at least ${size} bytes of JSON, over the limit of ${limit} bytes`);
  e.statebackedKind = "contextTooLarge";
  e.size = size;
  return e;
}

/**
 * Checks that a context is plain JSON, walking only what changed: XState's assign shares unchanged subtrees with
 * the previous context, which came from JSON.parse and is therefore valid, so a subtree identical (===) to the one
 * at the same place in `previous` is skipped. This keeps a 100 KB context with a one-field change cheap.
 * New strings are summed, so a context holding a 50 MB string fails before anything serializes it.
 */
function assertPlainJson(value, previous, where, depth) {
  switch (typeof value) {
    case "string":
      if ((walk.chars += value.length) > walk.limit) throw tooLarge(walk.chars, walk.limit);
      return;
    case "boolean":
    case "undefined": // dropped by JSON like in any JSON API
      return;
    case "number":
      if (!Number.isFinite(value)) throw nonJson(`${where} is ${value}`);
      return;
    case "object":
      break;
    default:
      throw nonJson(`${where} is a ${typeof value}`);
  }
  if (value === null || value === previous) return;
  if (depth > 200) throw nonJson(`${where} is nested too deeply (or circular)`);
  if (typeof value.toJSON === "function") {
    // actor refs and Dates serialize themselves
    if (value instanceof Date || value.xstate$$type === 1) return;
    return assertPlainJson(value.toJSON(), undefined, where, depth + 1);
  }
  if (Array.isArray(value)) {
    const before = Array.isArray(previous) ? previous : undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (before !== undefined && v === before[i]) continue;
      assertPlainJson(v, before !== undefined ? before[i] : undefined, where + "[" + i + "]", depth + 1);
    }
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw nonJson(`${where} is a ${value.constructor?.name ?? "non-plain object"}, not plain JSON`);
  }
  const before = previous !== null && typeof previous === "object" && !Array.isArray(previous) ? previous : undefined;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = value[key];
    if (before !== undefined && v === before[key]) continue;
    assertPlainJson(v, before !== undefined ? before[key] : undefined, where + "." + key, depth + 1);
  }
}

function nonJson(message) {
  const e = new TypeError(message);
  e.statebackedKind = "nonJsonContext";
  return e;
}

// ---------- running effects in this context, after the host persisted the state ----------

function ensureServiceHost() {
  if (serviceHost) return serviceHost;
  serviceHost = new Interpreter(machine, {});
  // Never started: only its child bookkeeping (spawnPromise/Callback/Machine/Observable) is used.
  serviceHost.status = InterpreterStatus.Running;
  serviceHost.send = (event) => { inbox.push(plainEvent(event)); };
  return serviceHost;
}

/** Runs the effects of the last transition that belong to this context; returns JSON of problems (action errors). */
export function runEffects() {
  if (!last) return "[]";
  const { state, effects, runnable } = last;
  last = null;
  const problems = [];
  const host = ensureServiceHost();
  for (let i = 0; i < effects.length; i++) {
    const effect = effects[i];
    try {
      switch (effect.kind) {
        case "action": {
          const action = runnable[i];
          if (typeof action.exec === "function") action.exec(state.context, state.event, { action, state, _event: state._event });
          break;
        }
        case "log":
          console[effect.level === "warn" ? "warn" : "log"](effect.message);
          break;
        case "send":
          if (effect.target.kind === "self") inbox.push(effect.event);
          else if (effect.target.kind === "ephemeralChild") {
            const child = host.children.get(effect.target.childId);
            if (child) child.send(effect.event);
            else console.warn(`send(${effect.event.type}): no running child '${effect.target.childId}'`);
          }
          break;
        case "startService":
          if (effect.origin === "spawn") startSpawned(host, runnable[i]);
          else startInvoked(host, runnable[i].activity, state);
          break;
        case "stopService":
          host.stopChild(effect.childId);
          break;
      }
    } catch (err) {
      problems.push({ effect: effect.kind, type: effect.type ?? effect.childId ?? null, message: String(err && err.message || err), stack: err && err.stack || null });
      if (effect.kind === "startService") {
        // A service that cannot even start fails like one that rejected, so the machine is not left waiting.
        inbox.push({ type: ERROR_PLATFORM + effect.childId, data: jsonSafe(err) });
      }
    }
  }
  return JSON.stringify(problems);
}

function startSpawned(host, spawnRequest) {
  const { name, entity, options } = spawnRequest;
  if (isMachine(entity)) host.spawnMachine(entity, { ...options, id: name });
  else host.spawn(entity, name, options);
}

/** The interpreter's own start logic for invoke (services from machine.options.services). */
function startInvoked(host, activity, state) {
  const id = activity.id;
  const invokeSource = toInvokeSource(activity.src);
  const srcType = invokeSource.type;
  const creator = machine.options.services ? machine.options.services[srcType] : undefined;
  if (!creator) throw new Error(`no implementation for invoked service '${srcType}'`);
  const data = activity.data ? mapContext(activity.data, state.context, state._event) : undefined;
  let source = typeof creator === "function" ? creator(state.context, state._event.data, { data, src: invokeSource, meta: activity.meta }) : creator;
  if (!source) return;
  const autoForward = "autoForward" in activity ? activity.autoForward : !!activity.forward;
  if (isMachine(source)) host.spawnMachine(data ? source.withContext(data) : source, { id, autoForward });
  else host.spawn(source, id, { autoForward });
}

/** The next event this machine produced for itself, as JSON, or null. */
export function takeEvent() {
  return inbox.length ? JSON.stringify(inbox.shift()) : null;
}

export function runningServices() {
  return serviceHost ? JSON.stringify(Array.from(serviceHost.children.keys())) : "[]";
}

/** Stops every running service (budget over or session end); returns the ids that were stopped. */
export function stopAll() {
  const ids = serviceHost ? Array.from(serviceHost.children.keys()) : [];
  for (const id of ids) {
    try { serviceHost.stopChild(id); } catch (e) { /* a failing stop must not keep the others running */ }
  }
  return JSON.stringify(ids);
}

/** Clears everything a session left behind so a pooled context starts clean. */
export function reset() {
  stopAll();
  serviceHost = null;
  inbox.length = 0;
  last = null;
  pendingCall = null;
  globalThis.__sb_loop.reset();
}

// ---------- user functions that may be async: authorizers and migrations ----------

/** Starts a call of a user export; the host drives the event loop until callResult() reports it done. */
export function callUser(name, argsJson) {
  const args = JSON.parse(argsJson);
  const call = { done: false };
  pendingCall = call;
  try {
    const [owner, fn] = userFunction(name);
    const result = fn.apply(owner, args);
    if (result && typeof result.then === "function") {
      result.then((v) => { call.done = true; call.value = v; }, (e) => { call.done = true; call.error = e; });
    } else {
      call.done = true;
      call.value = result;
    }
  } catch (e) {
    call.done = true;
    call.error = e;
  }
}

/**
 * An export ("allowRead") or a function inside one ("httpApiMapper.<slug>.handler"), called as a method of what
 * holds it. Only own properties are followed, so a slug like "__proto__" or "constructor" finds nothing.
 */
function userFunction(name) {
  const [first, ...rest] = name.split(".");
  let owner = userModule;
  let value = userModule[first];
  for (const part of rest) {
    if (value == null || typeof value !== "object" || !Object.hasOwn(value, part)) throw new TypeError(`${name} is not a function`);
    owner = value;
    value = value[part];
  }
  if (typeof value !== "function") throw new TypeError(`${name} is not a function`);
  return [owner, value];
}

export function callResult() {
  const call = pendingCall;
  if (!call || !call.done) return null;
  pendingCall = null;
  if (call.error !== undefined) {
    const e = call.error;
    return JSON.stringify({ error: { message: String(e && e.message !== undefined ? e.message : e), stack: (e && e.stack) || null } });
  }
  return JSON.stringify({ value: call.value === undefined ? null : call.value });
}
