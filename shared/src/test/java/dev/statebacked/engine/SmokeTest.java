package dev.statebacked.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void togglerToggles() {
        var v = Engines.machine("export default createMachine({ id: 't', initial: 'off', context: {n: 0}, states: { off: { on: { TOGGLE: { target: 'on', actions: assign({n: c => c.n + 1}) } } }, on: { on: { TOGGLE: 'off' } } } });");
        var t0 = v.initialState(null);
        assertThat(t0.state().value().asText()).isEqualTo("off");
        var t1 = v.transition(t0.state(), Engines.event("TOGGLE"));
        System.out.println(t1);
        assertThat(t1.state().value().asText()).isEqualTo("on");
        assertThat(t1.state().context().get("n").asInt()).isEqualTo(1);
    }
}
