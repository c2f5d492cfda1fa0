package dev.baton.webapp.webhooks;

import dev.baton.webapp.system.BatonException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a webhook may be sent (server-side request forgery guard). Only {@code http} and {@code https} URLs with a host
 * and no user information; and every address the host resolves to must be a public one: loopback, link-local
 * (cloud metadata services live there), private (RFC 1918, {@code fc00::/7}), shared (RFC 6598), unspecified,
 * multicast, broadcast and reserved addresses are refused, as are IPv6 forms that embed such an IPv4 address. An admin
 * may allow chosen internal networks ({@code baton.webhooks.allowed-private-targets}). Checked when a subscription is
 * saved and again before each delivery, since what a name resolves to can change. Plain Java; resolving blocks.
 */
final class TargetGuard {

    private final List<Network> allowed = new ArrayList<>();

    /** @param allowedNetworks CIDR networks that may be targeted although internal, e.g. {@code 127.0.0.1/32} */
    TargetGuard(List<String> allowedNetworks) {
        for (String cidr : allowedNetworks) {
            if (!cidr.isBlank()) {
                allowed.add(Network.parse(cidr.strip()));
            }
        }
    }

    /** A target refused, with the reason (400, field {@code url}). */
    static final class RefusedTarget extends BatonException.InvalidInput {
        RefusedTarget(String reason) {
            super("url", reason);
        }
    }

    /** The URL as a URI, if its form is acceptable (scheme, host, no credentials); resolves nothing. */
    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new RefusedTarget("a URL is required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RefusedTarget("'" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("only http and https URLs can receive webhooks, not '" + url + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedTarget("the URL '" + url + "' names no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("the URL must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedTarget("the URL must not have a fragment (#...)");
        }
        if (url.strip().length() > 2000) {
            throw new RefusedTarget("the URL is longer than 2000 characters");
        }
        return uri;
    }

    /**
     * Parses the URL and resolves its host; refuses it unless every address is public or in an allowed network.
     * Blocking (DNS).
     *
     * @return the URI
     */
    URI check(String url) {
        URI uri = parse(url);
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("the host '" + host + "' could not be resolved");
        }
        for (InetAddress address : addresses) {
            String internal = internal(address);
            if (internal != null && allowed.stream().noneMatch(network -> network.contains(address))) {
                throw new RefusedTarget("'" + host + "' resolves to " + address.getHostAddress() + ", " + internal
                        + "; webhooks go to public addresses only (an admin can allow internal networks with "
                        + "baton.webhooks.allowed-private-targets)");
            }
        }
        return uri;
    }

    /** What kind of internal address this is ("a loopback address"), or {@code null} for a public one. */
    static String internal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Inet4Address embedded = embeddedIpv4(b);
            if (embedded != null) {
                String inner = internal(embedded);
                return inner == null ? null : inner + " inside an IPv6 address";
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return (b[0] & 0xff) == 0xfd && (b[1] & 0xff) == 0x00 && (b[2] & 0xff) == 0x0e
                        && (b[3] & 0xff) == 0xc2 ? "a cloud metadata address" : "a private address (fc00::/7)";
            }
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return address.getHostAddress().equals("169.254.169.254") ? "a cloud metadata address"
                    : "a link-local address";
        }
        if (address.isSiteLocalAddress()) {
            return "a private address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "an unspecified address";
            }
            if (first == 127) {
                return "a loopback address";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return address.getHostAddress().equals("100.100.100.200") ? "a cloud metadata address"
                        : "a shared (carrier-grade NAT) address";
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return "a reserved address";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "a reserved (benchmarking) address";
            }
            if (first >= 240) {
                return "a reserved or broadcast address";
            }
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-compatible, 6to4 or NAT64 IPv6 address, if it is one of those. */
    private static Inet4Address embeddedIpv4(byte[] b) {
        try {
            boolean zeroPrefix = true;
            for (int i = 0; i < 12; i++) {
                zeroPrefix &= b[i] == 0;
            }
            if (zeroPrefix && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1))) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                    && (b[3] & 0xff) == 0x9b;
            for (int i = 4; i < 12 && nat64; i++) {
                nat64 = b[i] == 0;
            }
            if (nat64) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** A CIDR network. */
    private record Network(byte[] base, int prefix) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            try {
                if (!host.matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException("not an address");
                }
                byte[] base = InetAddress.getByName(host).getAddress();
                int prefix = slash < 0 ? base.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > base.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Network(base, prefix);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalArgumentException("baton.webhooks.allowed-private-targets: '" + cidr
                        + "' is not a network in CIDR form such as 10.20.0.0/16 or fd00::/8", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != base.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((a[i] & mask) != (base[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
