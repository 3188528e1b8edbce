package dev.gatehouse.crawl.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HostGateTest {

    @Test
    void aFullHostAnswersLaterUntilASlotIsLeft() throws InterruptedException {
        HostGate gate = new HostGate(2);

        assertThat(gate.enter(Duration.ZERO, Duration.ZERO)).isInstanceOf(HostGate.Entered.class);
        assertThat(gate.enter(Duration.ZERO, Duration.ZERO)).isInstanceOf(HostGate.Entered.class);
        assertThat(gate.enter(Duration.ZERO, Duration.ZERO)).isInstanceOf(HostGate.Later.class);
        gate.leave();
        assertThat(gate.enter(Duration.ZERO, Duration.ZERO)).isInstanceOf(HostGate.Entered.class);
    }

    @Test
    void aStartTooFarOffIsLaterAndKeepsNoSlot() throws InterruptedException {
        HostGate gate = new HostGate(1);
        Duration delay = Duration.ofHours(1);

        assertThat(gate.enter(delay, Duration.ZERO)).isInstanceOf(HostGate.Entered.class);
        gate.leave();
        HostGate.Turn second = gate.enter(delay, Duration.ZERO);

        assertThat(second).isInstanceOf(HostGate.Later.class);
        assertThat(((HostGate.Later) second).after()).isGreaterThan(Duration.ofMinutes(59));
        // the refused turn gave its slot back, so only the delay stands in the way
        assertThat(((HostGate.Later) gate.enter(delay, Duration.ZERO)).after()).isGreaterThan(Duration.ofMinutes(59));
    }
}
