package io.backchannel.ideas.web;

import io.backchannel.ideas.internal.VoteOrigin;
import io.backchannel.system.KeyedHashes;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Derives a vote's origin from the request: the network (IPv4 /24, IPv6 /48, so that one household or office counts
 * as one) and the device fingerprint (User-Agent and Accept-Language), both only as keyed hashes.
 */
@Component
class VoteOrigins {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final KeyedHashes hashes;

    VoteOrigins(KeyedHashes hashes) {
        this.hashes = hashes;
    }

    VoteOrigin of(HttpServletRequest request) {
        String network = network(request.getRemoteAddr());
        String device = Objects.requireNonNullElse(request.getHeader("User-Agent"), "")
                + '\n'
                + Objects.requireNonNullElse(request.getHeader("Accept-Language"), "");
        return new VoteOrigin(
                network == null ? null : hashes.hash("network|" + network), hashes.hash("device|" + device));
    }

    /** The network of an address literal; null for anything else, which is never looked up in DNS. */
    static @Nullable String network(@Nullable String address) {
        if (address == null) {
            return null;
        }
        String literal = address.contains("%") ? address.substring(0, address.indexOf('%')) : address;
        if (!IPV4.matcher(literal).matches() && !literal.contains(":")) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 4) {
                return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
            }
            return HexFormat.of().formatHex(bytes, 0, 6) + "::/48";
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
