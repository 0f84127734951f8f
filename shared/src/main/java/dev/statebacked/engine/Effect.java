package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something a transition asks to happen once its state is written. {@link #runsInEngine()} effects are carried out
 * by {@link MachineSession#runEffects(Transition)} inside the JS context; the others are durable work for the host
 * (timers, messages to other instances, creating persistent children).
 */
public sealed interface Effect {
    /** True when {@link MachineSession#runEffects} performs it; false when the host must. */
    boolean runsInEngine();

    /** A custom action (an {@code actions: ...} function). {@code implemented} is false for a name without implementation. */
    record RunAction(String type, boolean implemented) implements Effect {
        public boolean runsInEngine() {
            return true;
        }
    }

    /** A {@code log(...)} action or an engine warning; runEffects turns it into a {@link LogRecord}. */
    record Log(LogRecord.Level level, String message) implements Effect {
        public boolean runsInEngine() {
            return true;
        }
    }

    /**
     * An immediate send. To {@link SendTarget.Self} or an {@link SendTarget.EphemeralChild}: done by the engine (an event
     * to self becomes a later {@link MachineSession#awaitNextEvent}). To the parent or a persistent child: the host's.
     */
    record Send(SendTarget target, JsonNode event) implements Effect {
        public boolean runsInEngine() {
            return target instanceof SendTarget.Self || target instanceof SendTarget.EphemeralChild;
        }
    }

    /** A durable timer: {@code after}, or a send with a delay. {@code sendId} is what {@link CancelDelayedSend} names. */
    record DelayedSend(String sendId, SendTarget target, JsonNode event, long delayMs) implements Effect {
        public boolean runsInEngine() {
            return false;
        }
    }

    /** {@code cancel(sendId)}, or leaving a state with {@code after}. */
    record CancelDelayedSend(String sendId) implements Effect {
        public boolean runsInEngine() {
            return false;
        }
    }

    /** Start an ephemeral service (invoked promise/callback/machine/observable, or a spawned actor). */
    record StartService(String childId, ChildRef.Origin origin, String src) implements Effect {
        public boolean runsInEngine() {
            return true;
        }
    }

    /** Stop an ephemeral service (its state was left, or stop(id)). */
    record StopService(String childId) implements Effect {
        public boolean runsInEngine() {
            return true;
        }
    }

    /** Create a persistent child instance (persistentInvocableSource or spawnPersistentInstance) with this initial context. */
    record StartPersistentChild(
            String childId,
            ChildRef.Origin origin,
            String machineName,
            String machineInstanceName,
            String machineVersionId,
            JsonNode context)
            implements Effect {
        public boolean runsInEngine() {
            return false;
        }
    }

    /** The parent left the invoking state: from its point of view the invocation ends (the child instance lives on). */
    record StopPersistentChild(String childId, String machineName, String machineInstanceName, String machineVersionId)
            implements Effect {
        public boolean runsInEngine() {
            return false;
        }
    }
}
