// Fetches the URL an event names from an invoked service and keeps what came back: the egress policy's test probe.
import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = () => true;

export default createMachine({
  id: "prober",
  predictableActionArguments: true,
  initial: "idle",
  context: { public: {} },
  states: {
    idle: {
      on: { probe: { target: "probing", actions: assign({ url: (_, event) => event.url }) } },
    },
    probing: {
      invoke: {
        src: (context) => fetch(context.url, { timeout: 5000 })
          .then((response) => response.text().then((body) => ({ status: response.status, url: response.url, body: body.slice(0, 200) }))),
        onDone: { target: "idle", actions: assign({ public: (_, event) => ({ reached: true, ...event.data }) }) },
        onError: { target: "idle", actions: assign({ public: (_, event) => ({ reached: false, error: String(event.data && event.data.message) }) }) },
      },
    },
  },
});
