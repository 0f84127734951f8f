package dev.statebacked.engine;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where machine code's {@code fetch} may connect: public internet addresses only. Loopback, private, link-local
 * (cloud metadata, the Lambda Runtime API's neighbours), shared, multicast, reserved and documentation ranges are
 * refused in every spelling, IPv4 embedded in IPv6 included, because machine code is untrusted and runs beside the
 * stack's own services. The check applies to the addresses a name resolves to at connect time, so neither a DNS
 * answer that changes nor a redirect can reach a refused address.
 *
 * <p>Self-hosters who need an internal service list it in {@value #ENVIRONMENT_VARIABLE}: comma-separated host
 * names (exact, any address they resolve to) and addresses or CIDR blocks.
 */
public final class EgressPolicy {
    public static final String ENVIRONMENT_VARIABLE = "STATEBACKED_EGRESS_ALLOW";

    /** The special-purpose ranges of IANA's IPv4 and IPv6 registries that are not the public internet. */
    private static final List<IPAddress> REFUSED = ranges(
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.0.0.0/24",
            "192.0.2.0/24",
            "192.88.99.0/24",
            "192.168.0.0/16",
            "198.18.0.0/15",
            "198.51.100.0/24",
            "203.0.113.0/24",
            "224.0.0.0/4",
            "240.0.0.0/4",
            "::/128",
            "::1/128",
            "100::/64",
            "2001::/23",
            "2001:db8::/32",
            "fc00::/7",
            "fe80::/10",
            "fec0::/10",
            "ff00::/8");
    /** IPv6 ranges that carry an IPv4 address inside: judged by the IPv4 address they reach. */
    private static final IPAddress MAPPED = range("::ffff:0:0/96");

    private static final IPAddress COMPATIBLE = range("::/96");
    private static final IPAddress NAT64 = range("64:ff9b::/96");
    private static final IPAddress SIX_TO_FOUR = range("2002::/16");

    private final Set<String> allowedHosts;
    private final List<IPAddress> allowedRanges;

    private EgressPolicy(Set<String> allowedHosts, List<IPAddress> allowedRanges) {
        this.allowedHosts = allowedHosts;
        this.allowedRanges = allowedRanges;
    }

    /** Public addresses only, no exceptions. */
    public static EgressPolicy publicInternetOnly() {
        return new EgressPolicy(Set.of(), List.of());
    }

    /**
     * The policy with {@code allowList}'s exceptions: host names, addresses and CIDR blocks, comma-separated.
     *
     * @throws IllegalArgumentException naming an entry that is neither a host name nor an address range
     */
    public static EgressPolicy allowing(String allowList) {
        List<String> entries = Arrays.stream(allowList.split(","))
                .map(String::trim)
                .filter(e -> !e.isEmpty())
                .toList();
        List<IPAddress> ranges = entries.stream()
                .map(IPAddressString::new)
                .filter(IPAddressString::isIPAddress)
                .map(IPAddressString::getAddress)
                .toList();
        Set<String> hosts = entries.stream()
                .filter(e -> !new IPAddressString(e).isIPAddress())
                .map(e -> e.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        hosts.stream()
                .filter(h -> !h.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"))
                .findFirst()
                .ifPresent(bad -> {
                    throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + ": '" + bad
                            + "' is neither a host name nor an address or CIDR block");
                });
        return new EgressPolicy(hosts, ranges);
    }

    public static EgressPolicy fromEnvironment(Map<String, String> environment) {
        String allowList = environment.get(ENVIRONMENT_VARIABLE);
        return allowList == null || allowList.isBlank() ? publicInternetOnly() : allowing(allowList);
    }

    /** Why machine code may not connect to {@code address} (reached through the name {@code host}), or empty if it may. */
    public Optional<String> refusal(String host, InetAddress address) {
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        IPAddress ip = new IPAddressString(address.getHostAddress()).getAddress();
        if (allowedRanges.stream().anyMatch(range -> range.contains(ip))) {
            return Optional.empty();
        }
        IPAddress reached = embeddedIpv4(ip).orElse(ip);
        if (reached != ip && allowedRanges.stream().anyMatch(range -> range.contains(reached))) {
            return Optional.empty();
        }
        return REFUSED.stream()
                .filter(range -> range.contains(reached) || range.contains(ip))
                .findFirst()
                .map(range -> address.getHostAddress() + " is in " + range
                        + ", which machine code may not reach (egress policy; " + ENVIRONMENT_VARIABLE
                        + " lists exceptions)");
    }

    private static Optional<IPAddress> embeddedIpv4(IPAddress ip) {
        if (!(ip instanceof IPv6Address v6)) {
            return Optional.empty();
        }
        if (MAPPED.contains(v6) || COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            return Optional.of(v6.getEmbeddedIPv4Address());
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return Optional.of(v6.get6To4IPv4Address());
        }
        return Optional.empty();
    }

    private static List<IPAddress> ranges(String... cidrs) {
        return Arrays.stream(cidrs).map(EgressPolicy::range).toList();
    }

    private static IPAddress range(String cidr) {
        return new IPAddressString(cidr).getAddress().toPrefixBlock();
    }
}
