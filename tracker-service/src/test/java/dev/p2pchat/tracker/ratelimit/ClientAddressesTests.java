package dev.p2pchat.tracker.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	@Test
	void keyOfAnIpv6AddressIsItsSlash64AndOfAMappedIpv4AddressTheIpv4Address() {
		assertThat(ClientAddresses.key("2001:db8:1:2::1")).isEqualTo(ClientAddresses.key("2001:db8:1:2:ffff::9"))
			.isEqualTo("20010db800010002::/64");
		assertThat(ClientAddresses.key("2001:db8:1:3::1")).isNotEqualTo(ClientAddresses.key("2001:db8:1:2::1"));
		assertThat(ClientAddresses.key("::ffff:10.0.0.1")).isEqualTo("10.0.0.1");
		assertThat(ClientAddresses.key("10.0.0.1")).isEqualTo("10.0.0.1");
	}

	@Test
	void keyOfSomethingThatIsNoIpLiteralIsItselfAndNeverResolved() {
		assertThat(ClientAddresses.key("localhost")).isEqualTo("localhost");
	}

}
