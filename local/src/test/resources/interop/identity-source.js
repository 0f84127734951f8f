// A machine whose authorizers trust nothing but the token's authContext: an instance belongs to the user who
// created it (an end user's `sub`, or an anonymous session's `sid`), who must also hand over, as
// `context.public.claims`, exactly the claims their token carries (so the instance shows which claims arrived).
// Only the owner reads it or sends it events; `remember` must carry the sender's claims too. Bundled the way
// smply bundles it.
import { createMachine, assign } from "xstate";

const userOf = (authContext) =>
  authContext?.auth === "anonymous" ? (authContext.sid ? `anonymous:${authContext.sid}` : null) : authContext?.sub ?? null;

const sameClaims = (a, b) => {
  const keys = Object.keys(a ?? {}).sort();
  return JSON.stringify(keys) === JSON.stringify(Object.keys(b ?? {}).sort())
    && keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
};

const isOwner = (authContext, context) => {
  const user = userOf(authContext);
  return user !== null && context?.owner === user;
};

export const allowRead = ({ authContext, context }) => isOwner(authContext, context);

export const allowWrite = ({ type, authContext, context, event }) => {
  if (!isOwner(authContext, context)) return false;
  if (type === "initialization") return sameClaims(context.public?.claims, authContext);
  if (event.type === "remember") return sameClaims(event.claims, authContext);
  return true;
};

export default createMachine({
  id: "identity",
  predictableActionArguments: true,
  initial: "active",
  context: { owner: null, public: { claims: null, remembered: null, count: 0 } },
  states: {
    active: {
      on: {
        remember: { actions: assign({ public: (ctx, event) => ({ ...ctx.public, remembered: event.claims }) }) },
        increment: { actions: assign({ public: (ctx) => ({ ...ctx.public, count: (ctx.public.count ?? 0) + 1 }) }) },
      },
    },
  },
});
