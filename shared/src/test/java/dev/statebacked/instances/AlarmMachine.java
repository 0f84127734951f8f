package dev.statebacked.instances;

/** A machine whose {@code arm} event sets a one-minute timer that counts a tick when it fires. */
final class AlarmMachine {
    static final String NAME = "alarm";
    static final String CODE = """
            import { createMachine, assign, send } from "xstate";

            export const allowRead = () => true;
            export const allowWrite = () => true;

            export default createMachine({
              id: "alarm",
              predictableActionArguments: true,
              initial: "idle",
              context: { public: { ticks: 0 } },
              states: {
                idle: {
                  on: {
                    arm: { actions: send({ type: "tick" }, { delay: 60000 }) },
                    tick: { actions: assign({ public: (ctx) => ({ ticks: ctx.public.ticks + 1 }) }) },
                  },
                },
              },
            });
            """;

    private AlarmMachine() {}
}
