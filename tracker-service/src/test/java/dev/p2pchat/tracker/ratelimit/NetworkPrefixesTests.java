package dev.p2pchat.tracker.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkPrefixesTests {

	private final NetworkPrefixes prefixes = new NetworkPrefixes(24, 48);

	@Test
	void keyWhenIpv4InOneSlash24IsTheSame() {
		assertThat(this.prefixes.key("203.0.113.7")).isEqualTo("203.0.113.0/24")
			.isEqualTo(this.prefixes.key("203.0.113.250"));
		assertThat(this.prefixes.key("203.0.114.7")).isEqualTo("203.0.114.0/24");
	}

	@Test
	void keyWhenIpv6InOneSlash48IsTheSameWhateverTheSlash64() {
		assertThat(this.prefixes.key("2001:db8:a:1::1")).isEqualTo(this.prefixes.key("2001:db8:a:ffff::2"))
			.isEqualTo("20010db8000a00000000000000000000/48");
		assertThat(this.prefixes.key("2001:db8:b::1")).isNotEqualTo(this.prefixes.key("2001:db8:a::1"));
	}

	@Test
	void keyWhenLoopbackIsAllOfSlash8() {
		assertThat(this.prefixes.key("127.0.0.1")).isEqualTo(this.prefixes.key("127.45.6.7")).isEqualTo("127.0.0.0/8");
	}

	@Test
	void keyWhenOtherPrefixLengthsClearsTheRightBits() {
		var wide = new NetworkPrefixes(20, 64);

		assertThat(wide.key("10.1.31.9")).isEqualTo("10.1.16.0/20");
		assertThat(wide.key("2001:db8:a:b:c::1")).isEqualTo("20010db8000a000b0000000000000000/64");
	}

	@Test
	void keyWhenNotAnIpLiteralIsTheTextItself() {
		assertThat(this.prefixes.key("unix-socket")).isEqualTo("unix-socket");
	}

}
