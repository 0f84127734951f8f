import { createMachine } from "xstate";

export default createMachine({ id: "bare", initial: "idle", states: { idle: {} } });
