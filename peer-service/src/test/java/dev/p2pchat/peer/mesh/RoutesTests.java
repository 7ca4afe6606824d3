package dev.p2pchat.peer.mesh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutesTests {

	private static final String SMALL = "aaaa";

	private static final String LARGE = "zzzz";

	@Test
	void routeWhenBothReachableTheSmallerPeerIdDials() {
		assertThat(Routes.route(SMALL, true, LARGE, true)).isEqualTo(Routes.Route.DIAL);
		assertThat(Routes.route(LARGE, true, SMALL, true)).isEqualTo(Routes.Route.AWAIT);
	}

	@Test
	void routeWhenTheChosenDiallerCannotReachTheOtherTheOtherSideDials() {
		// the smaller id is reachable, the larger is not: the larger dials
		assertThat(Routes.route(SMALL, true, LARGE, false)).isEqualTo(Routes.Route.AWAIT);
		assertThat(Routes.route(LARGE, false, SMALL, true)).isEqualTo(Routes.Route.DIAL);
		// and the other way round
		assertThat(Routes.route(SMALL, false, LARGE, true)).isEqualTo(Routes.Route.DIAL);
		assertThat(Routes.route(LARGE, true, SMALL, false)).isEqualTo(Routes.Route.AWAIT);
	}

	@Test
	void routeWhenNeitherIsReachableTheSmallerOpensARelayedLinkAndNobodyDials() {
		assertThat(Routes.route(SMALL, false, LARGE, false)).isEqualTo(Routes.Route.RELAY);
		assertThat(Routes.route(LARGE, false, SMALL, false)).isEqualTo(Routes.Route.AWAIT);
	}

	@Test
	void routeNeverDialsAnUnreachablePeer() {
		for (String self : new String[] { SMALL, LARGE }) {
			String other = self.equals(SMALL) ? LARGE : SMALL;
			for (boolean selfReachable : new boolean[] { true, false }) {
				assertThat(Routes.route(self, selfReachable, other, false)).isNotEqualTo(Routes.Route.DIAL);
			}
		}
	}

	@Test
	void routeOfEveryPairHasExactlyOneSideMakingTheLink() {
		for (boolean small : new boolean[] { true, false }) {
			for (boolean large : new boolean[] { true, false }) {
				boolean smallMakes = Routes.route(SMALL, small, LARGE, large) != Routes.Route.AWAIT;
				boolean largeMakes = Routes.route(LARGE, large, SMALL, small) != Routes.Route.AWAIT;
				assertThat(smallMakes ^ largeMakes).as("small %s, large %s", small, large).isTrue();
			}
		}
	}

}
