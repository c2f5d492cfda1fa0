package dev.baton.webapp.system;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reverse proxies whose {@code X-Forwarded-For} Baton believes (prefix {@code baton.proxy}; docs/configuration.md).
 * Empty (the default): the client is whoever opened the connection, and the header is ignored, since any client can
 * send it. Spring's own {@code server.forward-headers-strategy} stays unset: it would believe every client.
 *
 * @param trusted addresses or CIDR ranges of the proxies in front of Baton ({@code 10.0.0.0/8}, {@code ::1})
 */
@ConfigurationProperties("baton.proxy")
public record TrustedProxies(List<String> trusted) {

    public TrustedProxies {
        trusted = trusted == null ? List.of() : trusted.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String range : trusted) {
            if (Range.parse(range) == null) {
                throw new IllegalArgumentException("baton.proxy.trusted: '" + range
                        + "' is neither an IP address nor a CIDR range such as 10.0.0.0/8");
            }
        }
    }

    /** The ranges, parsed. */
    List<Range> ranges() {
        List<Range> ranges = new ArrayList<>();
        for (String range : trusted) {
            ranges.add(Range.parse(range));
        }
        return ranges;
    }

    /** An address and a prefix length. */
    record Range(byte[] network, int bits) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = AuditAddresses.parse(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                return null;
            }
            byte[] bytes = address.getAddress();
            int bits = bytes.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    return null;
                }
            }
            return new Range(bytes, bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
