// The parent of State Backed's child-instances example, with one change: its allowWrite accepts its user
// OR its children (the seed's `&&` would reject both the user's own "run" and the children's events).
// __CHILD_MACHINE__ is replaced by the test with the child machine's (fresh) name.
import {
  persistentInvocableSource,
  spawnPersistentInstance,
  sendTo as persistentSendTo,
} from "@statebacked/machine";
import { createMachine, assign, sendTo } from "xstate";

export const allowRead = ({ authContext, context }) => authContext.sub === context.uid;

export const allowWrite = ({ authContext, context }) =>
  authContext.sub === context.uid || authContext.stateBackedSender?.machineName === "__CHILD_MACHINE__";

export default createMachine({
  initial: "idle",
  states: {
    idle: {
      on: {
        run: "running",
      },
    },
    running: {
      entry: [
        assign({
          actor1: (ctx) => spawnPersistentInstance({ machineName: "__CHILD_MACHINE__" }, { context: { uid: ctx.uid } }),
        }),
        sendTo("child", { type: "hiFromParent" }),
        persistentSendTo((ctx) => ctx.actor1, { type: "hiFromParent" }, { delay: 200 }),
      ],
      invoke: {
        src: persistentInvocableSource({ machineName: "__CHILD_MACHINE__" }),
        id: "child",
        data: (ctx) => ({ uid: ctx.uid }),
        onDone: { actions: assign({ public: (ctx, e) => ({ ...ctx.public, childDone: e.data }) }) },
      },
      initial: "start",
      states: {
        start: { on: { childSaysHi: "awaitingSecondChild" } },
        awaitingSecondChild: { on: { childSaysHi: "done" } },
        // not in the seed: ends the invoked child, whose final state answers with done.invoke.child
        done: {
          entry: sendTo("child", { type: "finish" }),
          on: { childWaved: { actions: assign({ public: (ctx) => ({ ...ctx.public, waved: true }) }) } },
        },
      },
    },
  },
});
