package dev.baton.webapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetGuardTest {

    private final TargetGuard guard = new TargetGuard(List.of());

    @Test
    void internalAddressesAreNamedForWhatTheyAre() throws Exception {
        assertThat(kind("127.0.0.1")).isEqualTo("a loopback address");
        assertThat(kind("127.8.9.10")).isEqualTo("a loopback address");
        assertThat(kind("::1")).isEqualTo("a loopback address");
        assertThat(kind("10.1.2.3")).isEqualTo("a private address");
        assertThat(kind("172.16.0.1")).isEqualTo("a private address");
        assertThat(kind("172.31.255.255")).isEqualTo("a private address");
        assertThat(kind("192.168.1.1")).isEqualTo("a private address");
        assertThat(kind("fd12:3456::1")).isEqualTo("a private address (fc00::/7)");
        assertThat(kind("fc00::1")).isEqualTo("a private address (fc00::/7)");
        assertThat(kind("169.254.1.1")).isEqualTo("a link-local address");
        assertThat(kind("fe80::1")).isEqualTo("a link-local address");
        assertThat(kind("169.254.169.254")).isEqualTo("a cloud metadata address");
        assertThat(kind("fd00:ec2::254")).isEqualTo("a cloud metadata address");
        assertThat(kind("100.100.100.200")).isEqualTo("a cloud metadata address");
        assertThat(kind("100.64.0.1")).isEqualTo("a shared (carrier-grade NAT) address");
        assertThat(kind("0.0.0.0")).isEqualTo("an unspecified address");
        assertThat(kind("::")).isEqualTo("an unspecified address");
        assertThat(kind("224.0.0.1")).isEqualTo("a multicast address");
        assertThat(kind("ff02::1")).isEqualTo("a multicast address");
        assertThat(kind("255.255.255.255")).isEqualTo("a reserved or broadcast address");
    }

    @Test
    void ipv6FormsThatCarryAnInternalIpv4AddressAreInternal() throws Exception {
        assertThat(kind("::ffff:127.0.0.1")).isEqualTo("a loopback address");
        assertThat(kind("::127.0.0.1")).isEqualTo("a loopback address inside an IPv6 address");
        assertThat(kind("2002:a00:1::")).isEqualTo("a private address inside an IPv6 address");
        assertThat(kind("64:ff9b::a9fe:a9fe")).isEqualTo("a cloud metadata address inside an IPv6 address");
    }

    @Test
    void publicAddressesPass() throws Exception {
        assertThat(kind("93.184.215.14")).isNull();
        assertThat(kind("8.8.8.8")).isNull();
        assertThat(kind("172.32.0.1")).isNull();
        assertThat(kind("2606:2800:21f:cb07:6820:80da:af6b:8b2c")).isNull();
        assertThat(kind("2002:5db8:d70e::")).isNull();
    }

    @Test
    void targetsOnInternalAddressesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> guard.check("http://127.0.0.1:8080/hook"))
                .isInstanceOf(TargetGuard.RefusedTarget.class)
                .hasMessageContaining("resolves to 127.0.0.1, a loopback address");
        assertThatThrownBy(() -> guard.check("http://[::1]/hook")).hasMessageContaining("a loopback address");
        assertThatThrownBy(() -> guard.check("https://10.0.0.7/hook")).hasMessageContaining("a private address");
        assertThatThrownBy(() -> guard.check("http://169.254.169.254/latest/meta-data/"))
                .hasMessageContaining("a cloud metadata address");
    }

    @Test
    void onlyHttpAndHttpsUrlsWithAHostAndNoCredentialsAreTaken() {
        assertThatThrownBy(() -> guard.check("ftp://example.com/x")).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> guard.check("file:///etc/passwd")).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> guard.check("http:///nohost")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> guard.check("https://user:pw@example.com/")).hasMessageContaining("user name");
        assertThatThrownBy(() -> guard.check("not a url")).isInstanceOf(TargetGuard.RefusedTarget.class);
        assertThatThrownBy(() -> guard.check(" ")).hasMessageContaining("a URL is required");
        assertThatThrownBy(() -> guard.check("http://no-such-host.invalid/hook"))
                .hasMessageContaining("could not be resolved");
    }

    @Test
    void anAdminCanAllowChosenInternalNetworksOnly() {
        TargetGuard allowing = new TargetGuard(List.of("127.0.0.1/32", "10.20.0.0/16"));
        assertThat(allowing.check("http://127.0.0.1:9000/hook").getPort()).isEqualTo(9000);
        assertThat(allowing.check("http://10.20.3.4/hook").getHost()).isEqualTo("10.20.3.4");
        assertThatThrownBy(() -> allowing.check("http://10.21.0.1/hook")).hasMessageContaining("a private address");
        assertThatThrownBy(() -> allowing.check("http://127.0.0.2/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> new TargetGuard(List.of("intranet.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CIDR");
    }

    private static String kind(String literal) throws Exception {
        return TargetGuard.internal(InetAddress.getByName(literal));
    }
}
