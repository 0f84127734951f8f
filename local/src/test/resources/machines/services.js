// Ephemeral services for settling: one resolves after 2 s, one never finishes.
import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

export default createMachine({
  id: "services",
  predictableActionArguments: true,
  initial: "idle",
  context: {},
  states: {
    idle: {
      on: { "wait-2s": "waiting", "wait-forever": "hanging", "done-throws": "throwingOnDone" },
    },
    waiting: {
      invoke: {
        id: "two-seconds",
        src: () => new Promise((resolve) => setTimeout(() => resolve({ answer: 42 }), 2000)),
        onDone: { target: "finished", actions: assign({ public: (_, event) => ({ answer: event.data.answer }) }) },
        onError: "failed",
      },
    },
    hanging: {
      invoke: {
        id: "forever",
        // a timer an hour away: the service is pending, it just never finishes within any budget
        src: () => new Promise((resolve) => setTimeout(resolve, 3600000)),
        onDone: "finished",
        onError: { target: "failed", actions: assign({ public: (_, event) => ({ error: event.data.message }) }) },
      },
    },
    throwingOnDone: {
      invoke: {
        id: "resolves-into-a-throwing-assign",
        src: () => Promise.resolve({ answer: 1 }),
        onDone: {
          target: "finished",
          actions: assign({ public: () => { throw new Error("onDone assign failed"); } }),
        },
        onError: "failed",
      },
    },
    finished: {
      on: { again: "idle" },
    },
    failed: {
      on: { retry: "recovered" },
    },
    recovered: {},
  },
});
