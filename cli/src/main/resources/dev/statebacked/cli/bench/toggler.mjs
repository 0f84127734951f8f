// Bench machine 1: the smallest useful machine. Event: TOGGLE.
import { createMachine } from "xstate";
export default createMachine({ id: "toggler", initial: "off", states: { off: { on: { TOGGLE: "on" } }, on: { on: { TOGGLE: "off" } } } });
export const allowRead = () => true;
export const allowWrite = () => true;
