package io.backchannel.ideas.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VoteOriginsTests {

    @Test
    void ipv4AddressesShareTheirSlash24AndIpv6AddressesTheirSlash48() {
        assertThat(VoteOrigins.network("203.0.113.7")).isEqualTo("203.0.113.0/24");
        assertThat(VoteOrigins.network("203.0.113.250")).isEqualTo(VoteOrigins.network("203.0.113.7"));
        assertThat(VoteOrigins.network("203.0.114.7")).isNotEqualTo(VoteOrigins.network("203.0.113.7"));
        assertThat(VoteOrigins.network("2001:db8:abcd:12::1"))
                .isEqualTo(VoteOrigins.network("2001:db8:abcd:ffff::2"))
                .isEqualTo("20010db8abcd::/48");
        assertThat(VoteOrigins.network("2001:db8:abce::1")).isNotEqualTo(VoteOrigins.network("2001:db8:abcd::1"));
        assertThat(VoteOrigins.network("fe80::1%eth0")).isEqualTo("fe8000000000::/48");
        assertThat(VoteOrigins.network("::ffff:203.0.113.9")).isEqualTo("203.0.113.0/24");
    }

    @Test
    void anythingButAnAddressLiteralHasNoNetworkAndIsNeverLookedUp() {
        assertThat(VoteOrigins.network("example.org")).isNull();
        assertThat(VoteOrigins.network("cafe")).isNull();
        assertThat(VoteOrigins.network("")).isNull();
        assertThat(VoteOrigins.network("999.1.1.1")).isNull();
        assertThat(VoteOrigins.network("::zz")).isNull();
        assertThat(VoteOrigins.network(null)).isNull();
    }
}
