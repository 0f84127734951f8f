package dev.statebacked.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Which addresses machine code's fetch may connect to. */
class EgressPolicyTest {
    private final EgressPolicy policy = EgressPolicy.publicInternetOnly();

    @Test
    void publicAddressesAreAccepted() throws UnknownHostException {
        for (String address :
                new String[] {"93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::"}) {
            assertThat(policy.refusal("example.com", InetAddress.getByName(address)))
                    .as(address)
                    .isEmpty();
        }
    }

    @Test
    void loopbackPrivateLinkLocalSharedMulticastAndReservedAddressesAreRefusedInIpv4AndIpv6()
            throws UnknownHostException {
        for (String address : new String[] {
            "127.0.0.1",
            "127.255.0.9",
            "0.0.0.0",
            "10.1.2.3",
            "172.31.0.1",
            "192.168.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "224.0.0.251",
            "255.255.255.255",
            "192.0.0.170",
            "198.18.0.1",
            "::",
            "::1",
            "fe80::1",
            "fc00::1",
            "fd00:ec2::254",
            "fec0::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "2001::1"
        }) {
            assertThat(policy.refusal("host", InetAddress.getByName(address)))
                    .as(address)
                    .isPresent();
        }
    }

    @Test
    void theAllowListAcceptsTheHostsAndRangesItNames() throws UnknownHostException {
        EgressPolicy allowing = EgressPolicy.allowing("billing.internal, 10.20.0.0/16,::1");

        assertThat(allowing.refusal("billing.internal", InetAddress.getByName("10.9.9.9")))
                .isEmpty();
        assertThat(allowing.refusal("other", InetAddress.getByName("10.20.3.4")))
                .isEmpty();
        assertThat(allowing.refusal("other", InetAddress.getByName("::1"))).isEmpty();
        assertThat(allowing.refusal("other", InetAddress.getByName("10.21.3.4")))
                .isPresent();
        assertThat(allowing.refusal("other", InetAddress.getByName("127.0.0.1")))
                .isPresent();
    }

    @Test
    void anAllowListEntryThatIsNeitherAHostNorARangeIsRejectedNamingIt() {
        assertThatThrownBy(() -> EgressPolicy.allowing("ok.example, http://bad/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://bad/");
    }
}
