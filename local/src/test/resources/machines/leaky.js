// Tries every route by which one instance's execution could leave state for the next instance of the same
// version: globals, built-in prototypes and functions, hidden intrinsics, XState's exported objects, module
// state, global `var`s of indirect eval, the last match shown by the legacy `RegExp.$1` and `RegExp.input`,
// and freezing a built-in.
import { createMachine, assign, actions, State } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

let moduleSecret = null;
const moduleCache = new Map();

function plant(secret) {
  globalThis.leakedGlobal = secret;
  Object.prototype.leakedThroughObjectPrototype = secret;
  Array.prototype.leakedThroughArrayPrototype = secret;
  Math.max.leakedOnABuiltInFunction = secret;
  const stringify = JSON.stringify;
  JSON.stringify = function patched(...args) { return stringify.apply(this, args); };
  JSON.stringify.leakedByReplacingABuiltIn = secret;
  Object.getPrototypeOf(function* () {}).leakedOnAHiddenIntrinsic = secret;
  Object.getPrototypeOf([][Symbol.iterator]()).leakedOnTheArrayIterator = secret;
  State.prototype.leakedThroughXState = secret;
  actions.leakedThroughXStateActions = secret;
  (0, eval)("var leakedByIndirectEval = " + JSON.stringify(secret));
  new RegExp("(.*)").exec(secret); // RegExp.$1, lastMatch and input keep the last match of the realm
  moduleSecret = secret;
  moduleCache.set("secret", secret);
}

function look() {
  return {
    global: globalThis.leakedGlobal ?? null,
    objectPrototype: ({}).leakedThroughObjectPrototype ?? null,
    arrayPrototype: [].leakedThroughArrayPrototype ?? null,
    builtInFunction: Math.max.leakedOnABuiltInFunction ?? null,
    replacedBuiltIn: JSON.stringify.leakedByReplacingABuiltIn ?? null,
    hiddenIntrinsic: Object.getPrototypeOf(function* () {}).leakedOnAHiddenIntrinsic ?? null,
    arrayIterator: [][Symbol.iterator]().leakedOnTheArrayIterator ?? null,
    xstateExport: State.prototype.leakedThroughXState ?? null,
    xstateActions: actions.leakedThroughXStateActions ?? null,
    indirectEvalVar: typeof leakedByIndirectEval === "undefined" ? null : leakedByIndirectEval,
    regExpLastMatch: String(RegExp.$1).startsWith("secret-of-") ? RegExp.$1 : null,
    regExpInput: String(RegExp.input).startsWith("secret-of-") ? RegExp.input : null,
    moduleVariable: moduleSecret,
    moduleMap: moduleCache.get("secret") ?? null,
  };
}

export default createMachine({
  id: "leaky",
  predictableActionArguments: true,
  initial: "idle",
  context: { public: {} },
  states: {
    idle: {
      on: {
        // the control: planted and looked at in one execution, every route shows the secret
        "plant-and-look": { actions: assign({ public: (_, event) => { plant(event.secret); return { seen: look() }; } }) },
        look: { actions: assign({ public: () => ({ seen: look() }) }) },
        "freeze-array-prototype": { actions: assign({ public: () => { Object.freeze(Array.prototype); return { froze: Object.isFrozen(Array.prototype) }; } }) },
        "is-array-prototype-frozen": { actions: assign({ public: () => ({ frozen: Object.isFrozen(Array.prototype) }) }) },
      },
    },
  },
});
