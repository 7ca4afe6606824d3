package dev.p2pchat.weblimits;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PerAddressNioProtocolTests {

	@Test
	void countedWhenIpv6CountsTheWhole64AsOneAddress() throws Exception {
		InetAddress one = PerAddressNioProtocol.Endpoint.counted(InetAddress.getByName("2001:db8:1:2::1"));
		InetAddress other = PerAddressNioProtocol.Endpoint.counted(InetAddress.getByName("2001:db8:1:2:ffff::9"));

		assertThat(one).isEqualTo(other).isEqualTo(InetAddress.getByName("2001:db8:1:2::"));
		assertThat(PerAddressNioProtocol.Endpoint.counted(InetAddress.getByName("2001:db8:1:3::1"))).isNotEqualTo(one);
	}

	@Test
	void countedWhenIpv4CountsTheAddressItself() throws Exception {
		InetAddress address = InetAddress.getByName("127.0.0.7");

		assertThat(PerAddressNioProtocol.Endpoint.counted(address)).isEqualTo(address);
	}

	@Test
	void setMaxConnectionsPerAddressWhenSetIsWhatTomcatReadsBack() {
		var protocol = new PerAddressNioProtocol();

		protocol.setMaxConnectionsPerAddress(4);

		assertThat(protocol.getMaxConnectionsPerAddress()).isEqualTo(4);
	}

}
