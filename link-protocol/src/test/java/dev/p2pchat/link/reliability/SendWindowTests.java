package dev.p2pchat.link.reliability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendWindowTests {

	private final SendWindow<String> window = new SendWindow<>();

	@Test
	void addWhenNumberedCountsFromOneAndTakesInOrderUpToTheUnits() {
		assertThat(this.window.add("aaaa")).isEqualTo(1);
		assertThat(this.window.add("bbbb")).isEqualTo(2);
		assertThat(this.window.add("cccc")).isEqualTo(3);

		assertThat(this.window.takeUnsent(8, String::length)).containsExactly("aaaa", "bbbb");
		assertThat(this.window.takeUnsent(8, String::length)).containsExactly("cccc");
		assertThat(this.window.takeUnsent(8, String::length)).isEmpty();
		assertThat(this.window.hasUnsent()).isFalse();
	}

	@Test
	void takeUnsentWhenOneEntryIsOverTheUnitsStillTakesIt() {
		this.window.add("a long entry");

		assertThat(this.window.takeUnsent(1, String::length)).containsExactly("a long entry");
	}

	@Test
	void acknowledgeWhenCumulativeRemovesUpToItAndRewindResendsTheRest() {
		for (String entry : new String[] { "a", "b", "c", "d" }) {
			this.window.add(entry);
		}
		this.window.takeUnsent(100, String::length);

		assertThat(this.window.acknowledge(2)).containsExactly("a", "b");
		this.window.rewind();

		assertThat(this.window.unsent()).isEqualTo(2);
		assertThat(this.window.takeUnsent(100, String::length)).containsExactly("c", "d");
		assertThat(this.window.nextSeq()).isEqualTo(5);
	}

	@Test
	void addWhenRingWrapsAndGrowsKeepsOrderAndNumbers() {
		for (int i = 0; i < 10; i++) {
			this.window.add("x" + i);
		}
		this.window.acknowledge(10);
		for (int i = 0; i < 40; i++) {
			this.window.add("y" + i);
		}

		assertThat(this.window.size()).isEqualTo(40);
		assertThat(this.window.removeWhile((entry) -> !entry.equals("y5"))).hasSize(5);
		assertThat(this.window.acknowledge(16)).containsExactly("y5");
		assertThat(this.window.takeUnsent(2, (entry) -> 1)).containsExactly("y6", "y7");
	}

}
