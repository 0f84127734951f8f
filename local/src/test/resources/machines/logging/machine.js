// Prints from every kind of machine code, for the logs API's tests (LogsApiTest).
import { createMachine } from "xstate";

export const allowRead = ({ machineInstanceName, authContext }) => {
  console.log(`allowRead of ${machineInstanceName} by ${authContext.sub}`);
  return true;
};

export const allowWrite = ({ type, machineInstanceName, authContext }) => {
  if (authContext.sub === "refused") {
    console.warn(`allowWrite refuses ${type} of ${machineInstanceName}`);
    return false;
  }
  return true;
};

export default createMachine(
  {
    id: "logging",
    predictableActionArguments: true,
    initial: "idle",
    context: {},
    states: {
      idle: {
        on: {
          say: { actions: (_, event) => console.log(`action says ${event.text}`) },
          guarded: {
            cond: (_, event) => {
              console.log(`guard checks ${event.text}`);
              return true;
            },
            actions: () => {},
          },
          work: "working",
          burst: {
            actions: (_, event) => {
              for (let i = 0; i < event.count; i++) {
                console.log(`${event.tag} ${String(i).padStart(4, "0")}`);
              }
            },
          },
          boom: { actions: "explode" },
          crash: {
            cond: () => {
              console.log("guard about to throw");
              throw new Error("guard gave up");
            },
            actions: () => {},
          },
        },
      },
      working: {
        invoke: {
          id: "worker",
          src: () => {
            console.log("service starts");
            return new Promise((resolve) => setTimeout(() => resolve(1), 50));
          },
          onDone: "idle",
        },
      },
    },
  },
  {
    actions: {
      explode: () => {
        throw new Error("custom action exploded");
      },
    },
  },
);
