package dev.p2pchat.peer.console;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinePrinterTests {

	private final List<String> lines = new ArrayList<>();

	@Test
	void writeWhenLinesCompleteHandsEachOverWithoutTerminator() {
		try (PrintStream out = new PrintStream(new LinePrinter(this.lines::add), true, StandardCharsets.UTF_8)) {
			out.print("WARN tracker down\r\nsecond ");
			out.println("line ünïcödé ✓");

			assertThat(this.lines).containsExactly("WARN tracker down", "second line ünïcödé ✓");
		}
	}

	@Test
	void closeWhenLineUnfinishedHandsItOver() {
		PrintStream out = new PrintStream(new LinePrinter(this.lines::add), true, StandardCharsets.UTF_8);
		out.print("no newline");
		assertThat(this.lines).isEmpty();

		out.close();

		assertThat(this.lines).containsExactly("no newline");
	}

}
