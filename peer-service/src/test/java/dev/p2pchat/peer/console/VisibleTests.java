package dev.p2pchat.peer.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VisibleTests {

	@Test
	void escapeWhenTextIsPlainKeepsItAsIs() {
		String text = "héllo\tworld — 你好 😀";

		assertThat(Visible.escape(text)).isSameAs(text);
	}

	@Test
	void escapeWhenControlsShowsCaretNotationAndCodePoints() {
		assertThat(Visible.escape("\u0000\u0007\u001B\u007F\u0080\u009F\u200B\u2066"))
			.isEqualTo("^@^G^[^?<U+0080><U+009F><U+200B><U+2066>");
	}

	@Test
	void escapeKeepingColoursWhenLogLineHasSgrAndOtherControlsKeepsOnlyTheColours() {
		String line = "\u001B[32mINFO\u001B[0m renamed \u001B]0;x\u0007\u001B[2J";

		assertThat(Visible.escapeKeepingColours(line)).isEqualTo("\u001B[32mINFO\u001B[0m renamed ^[]0;x^G^[[2J");
	}

}
