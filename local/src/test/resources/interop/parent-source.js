// seeds/child-instances.md's parent, bundled as smply bundles it (@statebacked/machine 0.6.0 and xstate inlined).
// One change: allowWrite takes its user OR its children (the seed's `&&` refuses both).
import { persistentInvocableSource, spawnPersistentInstance, sendTo as persistentSendTo } from "@statebacked/machine";
import { createMachine, assign, sendTo } from "xstate";

export const allowRead = ({ authContext, context }) => authContext.sub === context.uid;

export const allowWrite = ({ authContext, context }) =>
  authContext.sub === context.uid || authContext.stateBackedSender?.machineName === "child-machine";

export default createMachine({
  initial: "idle",
  states: {
    idle: { on: { run: "running" } },
    running: {
      entry: [
        assign({ actor1: (ctx) => spawnPersistentInstance({ machineName: "child-machine" }, { context: { uid: ctx.uid } }) }),
        sendTo("child", { type: "hiFromParent" }),
        persistentSendTo((ctx) => ctx.actor1, { type: "hiFromParent" }, { delay: 200 }),
      ],
      invoke: {
        src: persistentInvocableSource({ machineName: "child-machine" }),
        id: "child",
        data: (ctx) => ({ uid: ctx.uid }),
      },
      initial: "start",
      states: {
        start: { on: { childSaysHi: "awaitingSecondChild" } },
        awaitingSecondChild: { on: { childSaysHi: "done" } },
        done: {},
      },
    },
  },
});
