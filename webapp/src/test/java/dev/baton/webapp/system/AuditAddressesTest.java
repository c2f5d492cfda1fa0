package dev.baton.webapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client addresses in the audit log read as people write them. */
class AuditAddressesTest {

    @Test
    void theIpv6LoopbackReadsAsItsShortForm() {
        assertThat(AuditAddresses.readable("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(AuditAddresses.readable("0:0:0:0:0:0:0:0")).isEqualTo("::");
    }

    @Test
    void theLongestRunOfZerosIsCompressedAndHexIsLowerCase() {
        assertThat(AuditAddresses.readable("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(AuditAddresses.readable("2001:db8:0:0:0:0:2:1")).isEqualTo("2001:db8::2:1");
        assertThat(AuditAddresses.readable("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(AuditAddresses.readable("fe80:0:0:0:0:0:0:1")).isEqualTo("fe80::1");
    }

    @Test
    void anIpv4ClientSeenThroughAnIpv6SocketReadsAsIpv4() {
        assertThat(AuditAddresses.readable("0:0:0:0:0:ffff:cb00:7109")).isEqualTo("203.0.113.9");
        assertThat(AuditAddresses.readable("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(AuditAddresses.readable("203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void textThatIsNoAddressIsLeftAsItWasAndNeverLookedUp() {
        assertThat(AuditAddresses.readable("proxy.internal")).isEqualTo("proxy.internal");
        assertThat(AuditAddresses.readable("")).isEmpty();
        assertThat(AuditAddresses.readable(null)).isNull();
    }
}
