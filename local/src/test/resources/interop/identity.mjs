// Identity through the official client: token exchange of an identity provider's token (HS256 Supabase style,
// RS256/ES256/PS256 from a JWKS) for a State Backed token whose act is the mapped claims, anonymous sessions,
// and the admin calls that configure them (orgs, keys, identity providers, token providers). The subject tokens
// are signed by the Java test (its JwksServer) and handed over in the environment. Every fetch the clients make
// is recorded, to see the status of their POST /tokens. Prints one "ok <section>: <check>" line per check; the
// first failure prints why and exits 1.
import { StateBackedClient, errors } from "@statebacked/client";
import { signToken } from "@statebacked/token";
import { readFile } from "node:fs/promises";
import { check, rejects } from "./checks.mjs";

const {
  API_URL, SECTION, MACHINE, BUNDLE,
  ORG_ID, KEY_ID, SECRET, // the test's org (anonymous access allowed) and its management key
  STACK_ORG_ID, STACK_KEY_ID, STACK_SECRET, // the stack's own org
  CLOSED_ORG_ID, CLOSED_KEY_ID, CLOSED_SECRET, // an org created with allowAnonymousAccess: false
  SERVICE, SUBJECT_TOKEN, OTHER_SUBJECT_TOKEN, EXPECTED_CLAIMS, OTHER_EXPECTED_CLAIMS, PRODUCTION_KEY_ID,
} = process.env;
const RUN = Math.random().toString(36).slice(2, 8); // instance names are fresh in every run

process.on("unhandledRejection", (e) => {
  console.log(`FAILED unhandled rejection: ${e?.stack ?? e}`);
  process.exit(1);
});

const ok = (step, condition, detail) => check(`${SECTION}: ${step}`, condition, detail);
const refused = (step, promise, errorClass) => rejects(`${SECTION}: ${step}`, promise, errorClass);

/** Every request the clients make, with its answer's status. */
const requests = [];
const recordingFetch = async (url, init) => {
  const response = await fetch(url, init);
  requests.push({ url: String(url), method: init?.method ?? "GET", status: response.status });
  return response;
};
const tokenRequests = () => requests.filter((r) => new URL(r.url).pathname.endsWith("/tokens"));

const adminOf = async (keyId, secret, options = {}) => new StateBackedClient(
  await signToken({ stateBackedKeyId: keyId, stateBackedSecretKey: secret }, { sub: "identity-admin" },
    { expires: { in: "10m" } }),
  { apiHost: API_URL, ...options });

/** A client of an end user, through token exchange of an identity provider's token, as an app makes it. */
const exchangingClient = (identityProviderToken, service = SERVICE, orgId = ORG_ID) => new StateBackedClient(
  { identityProviderToken, orgId, tokenProviderService: service }, { apiHost: API_URL, fetch: recordingFetch });

/** A client of an anonymous session of `orgId` (the official client signs its own anonymous token). */
const anonymousClient = (orgId, session) => new StateBackedClient(
  { anonymous: { orgId, getSessionId: () => `session-${session}`, getDeviceId: () => `device-${session}` } },
  { apiHost: API_URL, fetch: recordingFetch });

/** The claims of a JWT, decoded as the official client decodes them. */
const claimsOf = (jwt) => {
  const part = jwt.split(".")[1];
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
};
const sameJson = (a, b) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
const sortKeys = (v) => Array.isArray(v) ? v.map(sortKeys)
  : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v;

const sections = {};

sections.deploy = async () => {
  for (const [keyId, secret] of [[KEY_ID, SECRET], [STACK_KEY_ID, STACK_SECRET], [CLOSED_KEY_ID, CLOSED_SECRET]]) {
    const admin = await adminOf(keyId, secret);
    await admin.machines.create(MACHINE);
    await admin.machineVersions.create(MACHINE, { clientInfo: "interop", code: await readFile(BUNDLE, "utf8"), makeCurrent: true });
  }
  ok("the machine deployed in the three orgs", true);
};

// The admin calls of the official client: orgs, keys in a created org, identity providers, token providers.
sections.admin = async () => {
  const admin = await adminOf(STACK_KEY_ID, STACK_SECRET);
  const name = `identity-admin-${RUN}`;
  const created = await admin.orgs.create({ name });
  ok("orgs.create answers the new org's id", typeof created?.id === "string" && created.id.startsWith("org_"), created);
  const listed = await admin.orgs.list();
  const mine = listed.orgs?.find((o) => o.id === created.id);
  ok("orgs.list lists the created org as its admin, with its limits",
    mine?.name === name && mine.role === "admin" && typeof mine.createdAt === "string"
    && typeof mine.limits?.monthlyEventsLimit === "number" && typeof mine.limits?.monthlyReadsLimit === "number", listed);
  ok("orgs.list lists the caller's own org", listed.orgs.some((o) => o.id === STACK_ORG_ID), listed);

  const inNewOrg = await adminOf(STACK_KEY_ID, STACK_SECRET, { orgId: created.id });
  const key = await inNewOrg.keys.create({ name: "made-through-the-creator", use: "management" });
  ok("keys.create with orgId makes a key in the created org", key?.id?.startsWith("sbk_") && typeof key.key === "string", key);
  const newOrgAdmin = await adminOf(key.id, key.key);
  const keys = await newOrgAdmin.keys.list();
  ok("the new key acts in the created org", keys.keys?.some((k) => k.id === key.id), keys);

  const iss = `https://${RUN}.supabase.co/auth/v1`;
  await newOrgAdmin.identityProviders.upsert({
    iss, aud: "authenticated", algs: ["HS256"], key: Buffer.from(`secret-${RUN}-0123456789abcdef0123456789`).toString("base64url"),
    mapping: { "sub.$": "$.sub", "email.$": "$.email" },
  });
  await newOrgAdmin.identityProviders.upsert({
    iss: `https://${RUN}.auth0.test/`, aud: "https://api.example.test/", algs: ["RS256"],
    jwksUrl: `https://${RUN}.auth0.test/.well-known/jwks.json`, mapping: { "sub.$": "$.sub", provider: "auth0" },
  });
  const idps = await newOrgAdmin.identityProviders.list();
  const hs = idps.idps?.find((i) => i.iss === iss);
  const rs = idps.idps?.find((i) => i.iss === `https://${RUN}.auth0.test/`);
  ok("identityProviders.list lists both, without their keys",
    hs?.aud === "authenticated" && sameJson(hs.algs, ["HS256"]) && sameJson(hs.mapping, { "sub.$": "$.sub", "email.$": "$.email" })
    && !("key" in hs) && rs?.jwksUrl === `https://${RUN}.auth0.test/.well-known/jwks.json` && sameJson(rs.algs, ["RS256"])
    && idps.idps.length === 2, idps);
  await newOrgAdmin.identityProviders.delete({ iss, aud: "authenticated" });
  const afterDelete = await newOrgAdmin.identityProviders.list();
  ok("identityProviders.delete removes the one named by iss and aud",
    afterDelete.idps.length === 1 && afterDelete.idps[0].iss === `https://${RUN}.auth0.test/`, afterDelete);
  await rejects(`${SECTION}: identityProviders.upsert refuses HMAC and asymmetric algs together (400)`,
    newOrgAdmin.identityProviders.upsert({ iss, aud: "authenticated", algs: ["HS256", "RS256"], key: "c2VjcmV0", mapping: {} }),
    errors.ClientError);

  await newOrgAdmin.tokenProviders.upsert({ service: "web", keyId: key.id, mapping: { "sub.$": "$.sub" } });
  const providers = await newOrgAdmin.tokenProviders.list();
  ok("tokenProviders.list lists it",
    providers.tokenProviders?.length === 1 && providers.tokenProviders[0].service === "web"
    && providers.tokenProviders[0].keyId === key.id && sameJson(providers.tokenProviders[0].mapping, { "sub.$": "$.sub" }),
    providers);
  await refused("tokenProviders.upsert refuses a key of another org (400)",
    newOrgAdmin.tokenProviders.upsert({ service: "web", keyId: STACK_KEY_ID, mapping: {} }), errors.ClientError);
  await newOrgAdmin.tokenProviders.delete("web");
  ok("tokenProviders.delete removes it", (await newOrgAdmin.tokenProviders.list()).tokenProviders.length === 0);

  const stranger = await adminOf(KEY_ID, SECRET, { orgId: created.id });
  await refused("a key of an unrelated org naming the created org is MissingOrgError",
    stranger.machines.list(), errors.MissingOrgError);
};

// An end user's identity provider token, exchanged by the client, acting in allowRead/allowWrite as the mapped
// claims. Run for each provider kind (supabase, rs256, rotated, es256, ps256) with that kind's tokens.
const exchange = async () => {
  const expected = JSON.parse(EXPECTED_CLAIMS);
  const other = JSON.parse(OTHER_EXPECTED_CLAIMS);
  const subject = claimsOf(SUBJECT_TOKEN);
  const user = exchangingClient(SUBJECT_TOKEN);
  const name = `${SECTION}-${RUN}`;

  const created = await user.machineInstances.create(MACHINE,
    { slug: name, context: { owner: expected.sub, public: { claims: expected } } });
  ok("the client exchanges the subject token and creates an instance as the mapped user",
    created.state === "active" && sameJson(created.publicContext?.claims, expected), created);
  const exchanges = tokenRequests();
  ok("one POST /tokens, answered 200", exchanges.length === 1 && exchanges[0].status === 200, requests);

  const read = await user.machineInstances.get(MACHINE, name);
  ok("allowRead sees the mapped claims: the owner reads the instance back",
    sameJson(read.publicContext?.claims, expected), read);
  const remembered = await user.machineInstances.sendEvent(MACHINE, name, { event: { type: "remember", claims: expected } });
  ok("allowWrite sees the mapped claims on events", sameJson(remembered.publicContext?.remembered, expected), remembered);

  const token = await user.tokens.exchange({ orgId: ORG_ID, service: SERVICE, token: SUBJECT_TOKEN });
  const issued = claimsOf(token);
  ok("the issued token's act is exactly the token provider's mapping of the identity provider's mapping",
    sameJson(issued.act, expected), issued);
  const now = Math.floor(Date.now() / 1000);
  ok("the issued token expires at the subject token's exp or within the hour, whichever is first",
    typeof issued.exp === "number" && issued.exp <= subject.exp && issued.exp <= now + 3600 + 5
    && issued.exp >= Math.min(subject.exp, now + 3600) - 5, { issued, subject, now });
  ok("the issued token is HS256, signed with the token provider's key",
    JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString()).alg === "HS256"
    && JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString()).kid === PRODUCTION_KEY_ID, token);

  await refused("creating an instance owned by another user is refused by allowWrite",
    user.machineInstances.create(MACHINE, { slug: `${name}-theirs`, context: { owner: other.sub, public: { claims: other } } }),
    errors.RejectedByMachineAuthorizerError);
  await refused("claiming claims the token does not carry is refused by allowWrite",
    user.machineInstances.create(MACHINE,
      { slug: `${name}-lying`, context: { owner: expected.sub, public: { claims: { ...expected, email: "ceo@example.com" } } } }),
    errors.RejectedByMachineAuthorizerError);

  const stranger = exchangingClient(OTHER_SUBJECT_TOKEN);
  await refused("another user of the same provider cannot read the instance",
    stranger.machineInstances.get(MACHINE, name), errors.RejectedByMachineAuthorizerError);
  await refused("another user of the same provider cannot send it events",
    stranger.machineInstances.sendEvent(MACHINE, name, { event: "increment" }), errors.RejectedByMachineAuthorizerError);
  const theirs = await stranger.machineInstances.create(MACHINE,
    { slug: `${name}-other`, context: { owner: other.sub, public: { claims: other } } });
  ok("the other user creates their own", sameJson(theirs.publicContext?.claims, other), theirs);

  // last: the client reads exp with JSON.parse(atob(payload)) and refreshes the token once it expires; a
  // payload it cannot read that way leaves the client using the token forever
  await user.machineInstances.get(MACHINE, name);
  ok("the official client reads the issued token's exp (JSON.parse(atob(payload)))",
    typeof user.tokenExpiration === "number" && user.tokenExpiration === claimsOf(user.latestToken).exp * 1000,
    { tokenExpiration: user.tokenExpiration, exp: claimsOf(user.latestToken).exp });
};
for (const kind of ["supabase", "rs256", "rotated", "es256", "ps256"]) {
  sections[kind] = exchange;
}

// Anonymous sessions: the client's self-signed anonymous token is exchanged for authContext {sid, did, auth}.
sections.anonymous = async () => {
  const a = anonymousClient(ORG_ID, `a-${RUN}`);
  const b = anonymousClient(ORG_ID, `b-${RUN}`);
  const claimsA = { sid: `session-a-${RUN}`, did: `device-a-${RUN}`, auth: "anonymous" };
  const claimsB = { sid: `session-b-${RUN}`, did: `device-b-${RUN}`, auth: "anonymous" };
  const name = `anonymous-${RUN}`;

  const created = await a.machineInstances.create(MACHINE,
    { slug: name, context: { owner: `anonymous:${claimsA.sid}`, public: { claims: claimsA } } });
  ok("an anonymous session creates an instance: its authContext is exactly { sid, did, auth: \"anonymous\" }",
    created.state === "active" && sameJson(created.publicContext?.claims, claimsA), created);
  ok("its anonymous token was exchanged with 200", tokenRequests().length >= 1
    && tokenRequests().every((r) => r.status === 200), requests);
  ok("the exchanged token's act is the anonymous authContext", sameJson(claimsOf(a.latestToken).act, claimsA),
    claimsOf(a.latestToken));
  const read = await a.machineInstances.get(MACHINE, name);
  ok("the session reads its own instance", sameJson(read.publicContext?.claims, claimsA), read);
  const counted = await a.machineInstances.sendEvent(MACHINE, name, { event: "increment" });
  ok("the session sends its own instance events", counted.publicContext?.count === 1, counted);

  await refused("another session cannot read it", b.machineInstances.get(MACHINE, name),
    errors.RejectedByMachineAuthorizerError);
  await refused("another session cannot send it events",
    b.machineInstances.sendEvent(MACHINE, name, { event: "increment" }), errors.RejectedByMachineAuthorizerError);
  await refused("another session cannot create an instance owned by the first",
    b.machineInstances.create(MACHINE,
      { slug: `${name}-stolen`, context: { owner: `anonymous:${claimsA.sid}`, public: { claims: claimsB } } }),
    errors.RejectedByMachineAuthorizerError);
  const own = await b.machineInstances.create(MACHINE,
    { slug: `${name}-b`, context: { owner: `anonymous:${claimsB.sid}`, public: { claims: claimsB } } });
  ok("the other session creates and reads its own", sameJson(own.publicContext?.claims, claimsB)
    && sameJson((await b.machineInstances.get(MACHINE, `${name}-b`)).publicContext?.claims, claimsB), own);
  ok("the first session's instance is unchanged", (await a.machineInstances.get(MACHINE, name)).publicContext?.count === 1);

  const stackSession = anonymousClient(STACK_ORG_ID, `stack-${RUN}`);
  const claimsS = { sid: `session-stack-${RUN}`, did: `device-stack-${RUN}`, auth: "anonymous" };
  const inStack = await stackSession.machineInstances.create(MACHINE,
    { slug: name, context: { owner: `anonymous:${claimsS.sid}`, public: { claims: claimsS } } });
  ok("the stack's own org allows anonymous sessions too",
    sameJson(inStack.publicContext?.claims, claimsS)
    && sameJson((await stackSession.machineInstances.get(MACHINE, name)).publicContext?.claims, claimsS), inStack);
};

sections.anonymousRefused = async () => {
  const session = anonymousClient(CLOSED_ORG_ID, `closed-${RUN}`);
  const claims = { sid: `session-closed-${RUN}`, did: `device-closed-${RUN}`, auth: "anonymous" };
  const name = `anonymous-refused-${RUN}`;
  let failure;
  try {
    await session.machineInstances.create(MACHINE,
      { slug: name, context: { owner: `anonymous:${claims.sid}`, public: { claims } } });
  } catch (e) {
    failure = e;
  }
  ok("an org created with allowAnonymousAccess: false refuses the anonymous token with 401",
    failure instanceof errors.ApiError && failure.status === 401, `${failure?.constructor?.name} ${failure?.status}: ${failure?.message}`);
  ok("its POST /tokens was answered 401 and nothing else was sent",
    requests.length >= 1 && requests.every((r) => new URL(r.url).pathname.endsWith("/tokens") && r.status === 401), requests);
  const closedAdmin = await adminOf(CLOSED_KEY_ID, CLOSED_SECRET);
  await refused("no instance was created", closedAdmin.machineInstances.admin.get(MACHINE, name), errors.NotFoundError);
};

const run = sections[SECTION];
if (!run) {
  console.log(`FAILED unknown section ${SECTION}`);
  process.exit(1);
}
await run();
console.log("interop done");
process.exit(0);
