// What `import ... from "xstate"` gives machine code: the shipped XState 4.38, except `spawn`, which records
// the request so the actor starts only after the host has persisted the transition.
export * from "./xstate.mjs";
export { spawn } from "./runtime.mjs";
