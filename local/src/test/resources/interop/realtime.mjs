// Real-time subscriptions (WebSocket /rt) through the official client under Node, with the `ws` package as its
// WebSocket; the token rules are checked on raw `ws` upgrades (refused, the official client reconnects at once,
// forever). Every socket the client opens records the frames it receives, to see what the server sends past the
// client's own filtering. Prints one "ok <step>" line per check; the first failure prints why and exits 1.
import { StateBackedClient, errors } from "@statebacked/client";
import { signToken } from "@statebacked/token";
import WebSocket from "ws";
import { readFile } from "node:fs/promises";
import { check } from "./checks.mjs";

// SECTION: "deploy" (the two machines, once) or one rule's checks; every instance a section makes is named after it
const { API_URL, ORG_ID, KEY_ID, SECRET, MACHINE, CHILD_MACHINE, BUNDLE, CHILD_BUNDLE, SECTION } = process.env;
const OWNER = "rt-owner";
const RUN = Math.random().toString(36).slice(2, 8); // instance names are fresh in every run

process.on("unhandledRejection", (e) => {
  console.log(`FAILED unhandled rejection: ${e?.stack ?? e}`);
  process.exit(1);
});

const sign = (sub, expires = { in: "10m" }, secret = SECRET, keyId = KEY_ID) =>
  signToken({ stateBackedKeyId: keyId, stateBackedSecretKey: secret }, { sub }, { expires });

/** A `ws` WebSocket that keeps every frame it receives (to see what the server sends past the client's filters). */
class RecordingWebSocket extends WebSocket {
  constructor(url, ...rest) {
    super(url, ...rest);
    this.frames = [];
    this.failures = [];
    RecordingWebSocket.all.push(this);
    this.on("message", (data) => this.frames.push(JSON.parse(data.toString())));
    // without a listener, a refused upgrade would be thrown from ws's internals
    this.on("error", (e) => this.failures.push(e));
  }
  static all = [];
}

/** A client acting as `sub`, its own WebSocket (opened at its first subscription) recorded. */
async function clientFor(sub, token, options = {}) {
  return new StateBackedClient(token ?? (await sign(sub)),
    { apiHost: API_URL, WebSocket: RecordingWebSocket, ...options });
}

/** The client's open socket (the client keeps it in a ReconnectingWebSocket). */
const socketOf = (client) => client.ws?.ws;

/** Subscribes; keeps every update and error in arrival order. */
function subscribe(client, machine, instance) {
  const sub = { updates: [], errors: [], events: [] };
  sub.unsubscribe = client.machineInstances.subscribe(machine, instance,
    (state) => { sub.updates.push(state); sub.events.push({ update: state }); },
    (err) => { sub.errors.push(err); sub.events.push({ error: err }); });
  return sub;
}

async function until(condition, ms = 10000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      return false;
    }
    await sleep(10);
  }
  return true;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const summary = (updates) => updates.map((u) => ({ state: u.state, count: u.publicContext?.count, ts: u.ts }));
const increasing = (values) => values.every((v, i) => i === 0 || v > values[i - 1]);
const updatesFor = (socket, instance) => socket.frames.filter((f) => f.type === "instance-update"
  && f.machineName === MACHINE && f.machineInstanceName === instance);

/** The real-time URL as the official client makes it from its apiHost. */
const rtUrl = (token, org) => {
  const url = new URL(API_URL);
  url.protocol = url.protocol === "http:" ? "ws:" : "wss:";
  url.pathname = url.pathname.replace(/[/]$/, "") + "/rt";
  if (token !== undefined) {
    url.searchParams.set("token", token);
  }
  if (org !== undefined) {
    url.searchParams.set("x-statebacked-org-id", org);
  }
  return url.toString();
};
/** Opens a raw socket: resolves with { socket, status: "open" } or { status: <HTTP status of the refusal> }. */
const connect = (token, org) => new Promise((resolve) => {
  const socket = new WebSocket(rtUrl(token, org));
  socket.frames = [];
  socket.closed = false;
  socket.on("message", (data) => socket.frames.push(JSON.parse(data.toString())));
  socket.on("close", (code) => { socket.closed = true; socket.closeCode = code; });
  socket.on("open", () => resolve({ socket, status: "open" }));
  socket.on("unexpected-response", (_, response) => { resolve({ status: response.statusCode }); socket.terminate(); });
  socket.on("error", (e) => resolve({ status: `error ${e.message}` }));
});

const owner = await clientFor(OWNER);
let instances = 0;
/** A fresh instance of the machine, readable by `readers` (and its owner). */
async function instance(readers = []) {
  const name = `rt-${SECTION}-${RUN}-${++instances}`;
  await owner.machineInstances.create(MACHINE, {
    slug: name,
    context: { owner: OWNER, readers: [OWNER, ...readers], childMachine: CHILD_MACHINE, childName: `${name}-child`,
      selfMachine: MACHINE },
  });
  return name;
}
const increment = (name) => owner.machineInstances.sendEvent(MACHINE, name, { event: "increment" });

const sections = {};

sections.deploy = async () => {
  for (const [machine, bundle] of [[MACHINE, BUNDLE], [CHILD_MACHINE, CHILD_BUNDLE]]) {
    await owner.machines.create(machine);
    await owner.machineVersions.create(machine, { clientInfo: "interop", code: await readFile(bundle, "utf8"), makeCurrent: true });
  }
  check("deploy: both machines deployed", true);
};

// 1. subscribe: the current state first, then one update per transition, whatever caused it, in history order
sections.subscribe = async () => {
  const name = await instance();
  const current = await owner.machineInstances.get(MACHINE, name);
  // pinging every 100 ms (the client's default is 5 minutes): pings must leave the socket and subscription be
  const pinging = await clientFor(OWNER, undefined, { wsPingIntervalMs: 100 });
  const sub = subscribe(pinging, MACHINE, name);
  check("subscribe: the current state arrives first", await until(() => sub.updates.length >= 1)
    && sub.updates[0].state === "idle" && sub.updates[0].ts === current.ts && sub.updates[0].publicContext?.count === 0
    && sub.updates[0].done === false && Array.isArray(sub.updates[0].tags), { current, updates: summary(sub.updates) });

  const sent = await owner.machineInstances.sendEvent(MACHINE, name, { event: "go" });
  check("subscribe: the HTTP event's response is the timing state", sent.state === "timing", sent);
  check("subscribe: every step arrives, the settled one last",
    await until(() => sub.updates.some((u) => u.state === "settled"), 20000), summary(sub.updates));
  await sleep(300); // a straggler after `settled` would be a duplicate or a transition out of order
  const history = (await owner.machineInstances.listTransitions(MACHINE, name)).transitions;
  const fromHistory = history.map((t) => ({ state: t.state, ts: Date.parse(t.createdAt), event: t.event.type }));
  const received = sub.updates.map((u) => ({ state: u.state, ts: u.ts }));
  const detail = { received, history: fromHistory };
  check("subscribe: the history is init, go, the timer, the child's message, the promise's onDone",
    fromHistory.length === 5 && fromHistory[0].event === "xstate.init" && fromHistory[1].event === "go"
    && fromHistory[2].event.startsWith("xstate.after(300)") && fromHistory[3].event === "childSaysHi"
    && fromHistory[4].event.startsWith("done.invoke.two-hundred-ms"), fromHistory);
  check("subscribe: an HTTP event's transition is pushed", received[1]?.state === "timing", detail);
  check("subscribe: a durable timer's transition is pushed", received[2]?.state === "spawning", detail);
  check("subscribe: a persistent child's message's transition is pushed", received[3]?.state === "promising", detail);
  check("subscribe: a settled invoked promise's transition is pushed",
    received[4]?.state === "settled" && sub.updates[4].publicContext?.answer === 42
    && JSON.stringify(sub.updates[4].tags) === '["settled"]', detail);
  check("subscribe: one update per transition, in history order, each with its transition's ts",
    received.length === history.length && received.every((u, i) =>
      JSON.stringify(u.state) === JSON.stringify(fromHistory[i].state) && u.ts === fromHistory[i].ts), detail);
  check("subscribe: ts increases from update to update", increasing(received.map((u) => u.ts)), detail);
  check("subscribe: no error", sub.errors.length === 0, sub.errors.map(String));
  check("subscribe: the client's pings kept its one socket open all along",
    RecordingWebSocket.all.length === 1 && socketOf(pinging) === RecordingWebSocket.all[0]
    && socketOf(pinging).readyState === WebSocket.OPEN, RecordingWebSocket.all.map((s) => s.readyState));
  const child = await owner.machineInstances.get(CHILD_MACHINE, `${name}-child`);
  check("subscribe: the child is a persistent instance", child.state === "greeting", child);
  sub.unsubscribe();
};

// 2. actors: getOrCreateActor creates the instance, follows it, sends through it; getActor for an existing one
sections.actors = async () => {
  const name = `rt-actor-${RUN}`;
  const context = { owner: OWNER, readers: [OWNER], childMachine: CHILD_MACHINE, childName: `${name}-child`, selfMachine: MACHINE };
  const actor = await owner.machineInstances.getOrCreateActor(MACHINE, name, { context });
  const created = await owner.machineInstances.get(MACHINE, name);
  check("getOrCreateActor: creates the instance and starts from its state",
    actor.getSnapshot().value === "idle" && actor.getSnapshot().context.public?.count === 0 && created.state === "idle",
    { actor: actor.getSnapshot(), created });
  const seen = [];
  const errorsSeen = [];
  const observed = actor.subscribe((state) => seen.push(state), (err) => errorsSeen.push(err));
  check("getOrCreateActor: subscribe on the actor sees the current state",
    await until(() => seen.length >= 1) && seen[0].value === "idle", seen.map((s) => s.value));

  actor.send({ type: "increment" });
  check("getOrCreateActor: send through the actor transitions the instance",
    await until(() => actor.getSnapshot().context.public?.count === 1)
    && (await owner.machineInstances.get(MACHINE, name)).publicContext?.count === 1, actor.getSnapshot());

  actor.send({ type: "go" });
  check("getOrCreateActor: the actor's state follows the instance through timer, child and promise",
    await until(() => actor.getSnapshot().matches("settled"), 20000) && actor.getSnapshot().context.public?.answer === 42
    && actor.getSnapshot().hasTag("settled") && !actor.getSnapshot().hasTag("busy"), actor.getSnapshot());
  const values = seen.map((s) => s.value);
  check("getOrCreateActor: the actor's subscribers saw every step",
    ["idle", "timing", "spawning", "promising", "settled"].every((v) => values.includes(v))
    && seen.find((s) => s.value === "timing").hasTag("busy") && errorsSeen.length === 0, { values, errorsSeen });

  const again = await owner.machineInstances.getOrCreateActor(MACHINE, name, { context: { ...context, readers: [] } });
  check("getOrCreateActor: an existing instance is not created again",
    again.getSnapshot().value === "settled" && again.getSnapshot().context.public?.count === 1, again.getSnapshot());

  const existing = await owner.machineInstances.getActor(MACHINE, name);
  check("getActor: an existing instance's current state",
    existing.getSnapshot().matches("settled") && existing.getSnapshot().context.public?.count === 1, existing.getSnapshot());
  const seenByExisting = [];
  const observedByExisting = existing.subscribe((state) => seenByExisting.push(state));
  existing.send({ type: "increment" });
  check("getActor: its send transitions the instance and both actors' subscribers see it",
    await until(() => seenByExisting.some((s) => s.context.public?.count === 2) && seen.some((s) => s.context.public?.count === 2)),
    { existing: seenByExisting.map((s) => s.context), first: seen.map((s) => s.context) });
  try {
    await owner.machineInstances.getActor(MACHINE, "rt-no-such-instance");
    check("getActor: an unknown instance is not found", false, "resolved");
  } catch (e) {
    check("getActor: an unknown instance is not found", e instanceof errors.NotFoundError, `${e?.constructor?.name}: ${e?.message}`);
  }
  observed.unsubscribe();
  observedByExisting.unsubscribe();
};

// 3. unsubscribe: the server sends nothing more for that subscription; the socket's others go on
sections.unsubscribe = async () => {
  const watched = await instance();
  const kept = await instance();
  const fence = await instance();
  const client = await clientFor(OWNER);
  const control = await clientFor(OWNER);
  const sub = subscribe(client, MACHINE, watched);
  const keptSub = subscribe(client, MACHINE, kept);
  const controlSub = subscribe(control, MACHINE, watched);
  await until(() => sub.updates.length === 1 && keptSub.updates.length === 1 && controlSub.updates.length === 1);
  const socket = socketOf(client);
  check("unsubscribe: two subscriptions share the client's one socket", socket !== undefined
    && updatesFor(socket, watched).length === 1 && updatesFor(socket, kept).length === 1, socket?.frames);
  sub.unsubscribe();
  // the gateway hands a connection's messages to the function one after the other: once the fence's first update
  // is here, the unsubscribe was handled
  const fenceSub = subscribe(client, MACHINE, fence);
  check("unsubscribe: a later subscription on the socket answers", await until(() => fenceSub.updates.length === 1),
    socket.frames);
  const framesBefore = socket.frames.length;
  await increment(watched);
  await increment(kept);
  check("unsubscribe: another subscriber of the instance sees the update",
    await until(() => controlSub.updates.length === 2 && controlSub.updates[1].publicContext?.count === 1), summary(controlSub.updates));
  check("unsubscribe: the socket's other subscriptions go on",
    await until(() => keptSub.updates.length === 2 && keptSub.updates[1].publicContext?.count === 1), summary(keptSub.updates));
  await sleep(1000);
  const after = socket.frames.slice(framesBefore);
  check("unsubscribe: no update for the unsubscribed instance within 1 s",
    !after.some((f) => f.machineInstanceName === watched) && sub.updates.length === 1 && socket.readyState === WebSocket.OPEN,
    after);
  keptSub.unsubscribe();
  fenceSub.unsubscribe();
  controlSub.unsubscribe();
};

// 4. subscribe refused: allowRead, unknown instance or machine, missing scope
sections.refused = async () => {
  const name = await instance();
  const stranger = await clientFor("rt-stranger");
  const refused = subscribe(stranger, MACHINE, name);
  const watcher = subscribe(owner, MACHINE, name);
  check("allowRead refuses: onError gets RejectedByMachineAuthorizerError",
    await until(() => refused.errors.length >= 1) && refused.errors[0] instanceof errors.RejectedByMachineAuthorizerError
    && refused.errors[0].code === "rejected-by-machine-authorizer" && refused.errors[0].status === 403,
    refused.errors.map((e) => `${e?.constructor?.name} ${e?.status} ${e?.code}`));
  await increment(name);
  check("allowRead refuses: the owner's subscription sees the next update",
    await until(() => watcher.updates.length === 2), summary(watcher.updates));
  await sleep(500);
  const strangerSocket = socketOf(stranger);
  check("allowRead refuses: no state reaches the refused subscriber",
    refused.updates.length === 0 && refused.errors.length === 1 && updatesFor(strangerSocket, name).length === 0,
    { updates: summary(refused.updates), frames: strangerSocket?.frames });
  check("allowRead refuses: the error frame names the subscription's requestId",
    strangerSocket.frames.some((f) => f.type === "error" && f.status === 403 && f.code === "rejected-by-machine-authorizer"
      && typeof f.requestId === "string" && f.requestId.length > 0), strangerSocket.frames);
  refused.unsubscribe();
  watcher.unsubscribe();

  const unknownInstance = subscribe(owner, MACHINE, "rt-no-such-instance");
  const unknownMachine = subscribe(owner, "rt-no-such-machine", "rt-1");
  check("subscribe refused: an unknown instance is NotFoundError",
    await until(() => unknownInstance.errors.length >= 1) && unknownInstance.errors[0] instanceof errors.NotFoundError
    && unknownInstance.updates.length === 0, unknownInstance.errors.map(String));
  check("subscribe refused: an unknown machine is NotFoundError",
    await until(() => unknownMachine.errors.length >= 1) && unknownMachine.errors[0] instanceof errors.NotFoundError
    && unknownMachine.updates.length === 0, unknownMachine.errors.map(String));
  unknownInstance.unsubscribe();
  unknownMachine.unsubscribe();

  const key = await owner.keys.create({ name: "rt-no-state-read", scopes: ["events.write", "instances.read"] });
  const unscoped = await clientFor(OWNER, await sign(OWNER, { in: "10m" }, key.key, key.id));
  const noScope = subscribe(unscoped, MACHINE, name);
  check("subscribe refused: without the state.read scope, MissingScopeError",
    await until(() => noScope.errors.length >= 1) && noScope.errors[0] instanceof errors.MissingScopeError
    && noScope.errors[0].code === "missing-scope" && noScope.updates.length === 0,
    noScope.errors.map((e) => `${e?.constructor?.name} ${e?.status} ${e?.code}`));
  noScope.unsubscribe();

  const raw = await connect(await sign(OWNER));
  raw.socket.send("not json");
  raw.socket.send(JSON.stringify({ type: "subscribe-to-instance", machineName: MACHINE, machineInstanceName: name }));
  raw.socket.send(JSON.stringify({ type: "no-such-type", requestId: "r3" }));
  const errorFrames = () => raw.socket.frames.filter((f) => f.type === "error");
  check("subscribe refused: malformed messages get 400 invalid-parameter errors, the socket stays open",
    await until(() => errorFrames().length === 3) && errorFrames().every((f) => f.status === 400 && f.code === "invalid-parameter")
    && errorFrames()[2].requestId === "r3" && !raw.socket.closed, raw.socket.frames);
  raw.socket.send(JSON.stringify({ type: "subscribe-to-instance", machineName: MACHINE, machineInstanceName: name, requestId: "r4" }));
  check("subscribe refused: after malformed messages, the socket still subscribes",
    await until(() => updatesFor(raw.socket, name).length === 1), raw.socket.frames);
  raw.socket.close();
};

// 5. losing read access mid-subscription: an error for that subscription, then nothing more
sections.losingAccess = async () => {
  const name = await instance(["rt-reader-a", "rt-reader-b"]);
  const readerA = await clientFor("rt-reader-a");
  const readerB = await clientFor("rt-reader-b");
  const a = subscribe(readerA, MACHINE, name);
  const b = subscribe(readerB, MACHINE, name);
  check("losing read access: both readers start subscribed",
    await until(() => a.updates.length === 1 && b.updates.length === 1), { a: summary(a.updates), b: summary(b.updates) });
  await owner.machineInstances.sendEvent(MACHINE, name, { event: { type: "revoke", reader: "rt-reader-b" } });
  check("losing read access: the reader who still may read sees the revoking transition",
    await until(() => a.updates.length === 2), summary(a.updates));
  check("losing read access: the revoked reader's subscription gets RejectedByMachineAuthorizerError",
    await until(() => b.errors.length >= 1) && b.errors[0] instanceof errors.RejectedByMachineAuthorizerError,
    b.errors.map((e) => `${e?.constructor?.name} ${e?.status} ${e?.code}`));
  check("losing read access: the revoking transition's state does not reach the revoked reader",
    b.updates.length === 1 && b.events.length === 2 && "error" in b.events[1], summary(b.updates));
  await increment(name);
  check("losing read access: the other reader sees the next update",
    await until(() => a.updates.length === 3 && a.updates[2].publicContext?.count === 1), summary(a.updates));
  await owner.machineInstances.sendEvent(MACHINE, name, { event: { type: "grant", reader: "rt-reader-b" } });
  await increment(name);
  check("losing read access: the other reader sees the later updates",
    await until(() => a.updates.length === 5 && a.updates[4].publicContext?.count === 2), summary(a.updates));
  await sleep(1000);
  const socket = socketOf(readerB);
  check("losing read access: no update after the error, even once access is given back",
    b.updates.length === 1 && b.errors.length === 1 && updatesFor(socket, name).length === 1, socket?.frames);
  a.unsubscribe();
  b.unsubscribe();
};

// 6. tokens: the upgrade itself is refused with 401 without a good token; a token expiring while connected
// gets its socket closed at the connection's next activity (an update for it, a ping from it)
sections.tokens = async () => {
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  check("tokens: no token is refused with 401", (await connect(undefined)).status === 401);
  check("tokens: a garbage token is refused with 401", (await connect("not-a-jwt")).status === 401);
  const wrongSecret = await sign(OWNER, { in: "10m" }, "sbsec_not-the-secret");
  check("tokens: a token signed with a wrong secret is refused with 401", (await connect(wrongSecret)).status === 401);
  // 61 s ago is past the verifier's 60 s of leeway for clock skew
  const expired = await sign(OWNER, { at: nowSeconds() - 61 });
  const expiredResult = await connect(expired);
  check("tokens: an expired token is refused with 401", expiredResult.status === 401, expiredResult.status);
  const good = await connect(await sign(OWNER, { in: "10m" }));
  check("tokens: a good token connects", good.status === "open", good.status);
  good.socket?.close();
  const otherOrg = await connect(await sign(OWNER), "org_not-the-tokens");
  check("tokens: another org than the token's in x-statebacked-org-id is refused with 403", otherOrg.status === 403,
    otherOrg.status);

  const name = await instance();
  const naming = await clientFor(OWNER, undefined, { orgId: ORG_ID });
  const named = subscribe(naming, MACHINE, name);
  check("tokens: the official client naming the token's own org (orgId) subscribes",
    await until(() => named.updates.length === 1) && named.errors.length === 0
    && new URL(socketOf(naming).url).searchParams.get("x-statebacked-org-id") === ORG_ID,
    { updates: summary(named.updates), errors: named.errors.map(String) });
  named.unsubscribe();
  const subscribeTo = (socket, requestId) => socket.send(JSON.stringify({ type: "subscribe-to-instance",
    machineName: MACHINE, machineInstanceName: name, requestId }));
  const instanceUpdates = (c) => c.socket.frames.filter((f) => f.type === "instance-update");
  // a long-lived token's subscriber: it sees the update, and it has warmed the path up before the short-lived ones
  const control = await connect(await sign(OWNER));
  subscribeTo(control.socket, "control");
  check("tokens: a subscriber with a good token gets the current state",
    await until(() => instanceUpdates(control).length === 1), control.socket?.frames);
  // expired 53 s ago: still inside the 60 s leeway, so it connects; it is out of it 7 s from now at most (room
  // enough for two subscribes on a loaded machine, and the check below says how much was left if not)
  const exp = nowSeconds() - 53;
  const expiring = await sign(OWNER, { at: exp });
  const [pinged, updated] = await Promise.all([connect(expiring), connect(expiring)]);
  check("tokens: a token inside the expiry leeway connects",
    pinged.status === "open" && updated.status === "open", [pinged.status, updated.status]);
  pinged.socket.send(JSON.stringify({ type: "ping" }));
  subscribeTo(pinged.socket, "pinged");
  subscribeTo(updated.socket, "updated");
  check("tokens: while valid, a ping is answered with pong and subscriptions work",
    await until(() => instanceUpdates(pinged).length === 1 && instanceUpdates(updated).length === 1
      && pinged.socket.frames.some((f) => f.type === "pong"))
    && !pinged.socket.closed && !updated.socket.closed,
    { msLeftOfTheToken: (exp + 60) * 1000 - Date.now(), pinged: pinged.socket.frames, updated: updated.socket.frames });
  await until(() => Date.now() > (exp + 61) * 1000, 10000); // now past exp + leeway (+1 s)

  pinged.socket.send(JSON.stringify({ type: "ping" }));
  check("tokens: a token that expired while connected: the next ping closes the socket",
    await until(() => pinged.socket.closed, 5000), { frames: pinged.socket.frames, state: pinged.socket.readyState });

  await increment(name);
  check("tokens: the update reaches a subscriber with a valid token",
    await until(() => instanceUpdates(control).length === 2) && !control.socket.closed, control.socket.frames);
  check("tokens: a token that expired while connected: the next update closes the socket instead of arriving",
    await until(() => updated.socket.closed, 5000) && instanceUpdates(updated).length === 1,
    { frames: updated.socket.frames, closed: updated.socket.closed, code: updated.socket.closeCode });
  control.socket.close();
};

// 7. many subscribers: 100 clients (100 sockets) on one instance all see every update, in order
sections.fanOut = async () => {
  const name = await instance(["rt-fan"]);
  const token = await sign("rt-fan");
  const fans = [];
  for (let i = 0; i < 100; i++) {
    const client = await clientFor("rt-fan", token);
    fans.push({ client, sub: subscribe(client, MACHINE, name) });
  }
  check("100 subscribers: each gets the current state",
    await until(() => fans.every((f) => f.sub.updates.length === 1), 45000),
    fans.map((f) => f.sub.updates.length).join(","));
  const sockets = new Set(fans.map((f) => socketOf(f.client)));
  check("100 subscribers: 100 separate sockets", sockets.size === 100 && !sockets.has(undefined), sockets.size);
  const sent = [];
  for (let i = 0; i < 5; i++) {
    sent.push(await increment(name));
  }
  const expected = [0, 1, 2, 3, 4, 5];
  check("100 subscribers: every subscriber gets all 5 updates",
    await until(() => fans.every((f) => f.sub.updates.length >= 6), 45000),
    fans.map((f) => f.sub.updates.length).join(","));
  await sleep(300);
  const wrong = fans.map((f, i) => ({ i, counts: f.sub.updates.map((u) => u.publicContext?.count), ts: f.sub.updates.map((u) => u.ts) }))
    .filter((f) => JSON.stringify(f.counts) !== JSON.stringify(expected) || !increasing(f.ts)
      || f.ts[5] !== sent[4].ts);
  check("100 subscribers: each saw counts 0..5 in order with increasing ts, the last the last event's", wrong.length === 0,
    wrong.slice(0, 3));
  check("100 subscribers: no error", fans.every((f) => f.sub.errors.length === 0));
  fans.forEach((f) => f.sub.unsubscribe());
};

// 8. subscribing while the instance transitions: the first update is the state then, later ones are later
// transitions only (none older than what the subscriber was already sent), and none is missed
sections.joining = async () => {
  const name = await instance(["rt-joiner"]);
  const token = await sign("rt-joiner");
  let stop = false;
  let last;
  const sender = (async () => {
    while (!stop) {
      last = await increment(name);
    }
  })();
  const joiners = [];
  for (let i = 0; i < 30; i++) {
    const client = await clientFor("rt-joiner", token);
    joiners.push(subscribe(client, MACHINE, name));
    await sleep(30);
  }
  await until(() => joiners.every((j) => j.updates.length >= 1), 20000);
  await sleep(300);
  stop = true;
  await sender;
  const counts = (j) => j.updates.map((u) => u.publicContext?.count);
  check("joining: every subscriber catches up with the last transition",
    await until(() => joiners.every((j) => j.updates.at(-1)?.ts === last.ts), 20000),
    { last: last.publicContext, ends: joiners.map((j) => counts(j).at(-1)).join(",") });
  // while a subscription is being stored the instance may move on: the subscriber is then sent the newer state,
  // skipping the ones between (docs/realtime.md); what it must never see is a state go back or come twice
  check("joining: every subscriber's counts only go up", joiners.map(counts).every((c) => c.every((v, i) => i === 0 || v > c[i - 1])),
    joiners.map(counts).filter((c) => c.some((v, i) => i > 0 && v <= c[i - 1])).slice(0, 3).map((c) => c.join(",")));
  const sequences = joiners.map((j) => ({ counts: counts(j), ts: j.updates.map((u) => u.ts) }));
  const older = sequences.filter((j) => j.ts.some((t, i) => i > 0 && t < j.ts[i - 1]));
  const repeated = sequences.filter((j) => j.ts.some((t, i) => i > 0 && t === j.ts[i - 1]));
  const detail = { subscribers: sequences.length,
    withAnOlderState: older.length, olderExamples: older.slice(0, 3).map((j) => j.counts.slice(0, 8).join(",")),
    withARepeatedState: repeated.length, repeatedExamples: repeated.slice(0, 3).map((j) => j.counts.slice(0, 8).join(",")) };
  check("joining: no update older than one the subscriber already got", older.length === 0, detail);
  check("joining: no state twice (one update per transition, ts strictly increasing)", repeated.length === 0, detail);
  joiners.forEach((j) => j.unsubscribe());
};

if (!(SECTION in sections)) {
  check(`known section ${SECTION}`, false);
}
await sections[SECTION]();
check(`${SECTION}: no socket of the official client failed`,
  RecordingWebSocket.all.every((s) => s.failures.length === 0),
  RecordingWebSocket.all.flatMap((s) => s.failures.map(String)));
console.log("interop done");
process.exit(0);
