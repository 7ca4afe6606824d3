package dev.p2pchat.weblimits;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Utf8Check} agrees with the JDK's strict UTF-8 decoder on any bytes, and refuses
 * the forms lenient decoders accept.
 */
class Utf8CheckPropertyTests {

	@Property(tries = 2000)
	void checkWhenGivenAnyBytesAgreesWithTheJdksStrictDecoder(@ForAll @Size(max = 12) byte[] bytes) {
		assertThat(check(bytes)).isEqualTo(jdkAccepts(bytes));
	}

	@Property(tries = 500)
	void checkWhenGivenAnyTextAcceptsItsUtf8(@ForAll String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		assertThat(check(bytes)).isEqualTo(jdkAccepts(bytes));
	}

	@Example
	void checkWhenGivenOverlongsSurrogatesOrCutCharactersRefusesThem() {
		assertThat(check(new byte[] { (byte) 0xC0, (byte) 0xAF })).as("overlong /").isFalse();
		assertThat(check(new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xAF })).as("3-byte overlong /").isFalse();
		assertThat(check(new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 })).as("surrogate").isFalse();
		assertThat(check(new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 })).as("> U+10FFFF").isFalse();
		assertThat(check(new byte[] { (byte) 0xE2, (byte) 0x82 })).as("cut").isFalse();
		assertThat(check("héllo 👍".getBytes(StandardCharsets.UTF_8))).isTrue();
	}

	@Example
	void validTargetWhenEscapedOrRawDecodesTheEscapesFirst() {
		assertThat(Utf8Check.validTarget("/messages?limit=10")).isTrue();
		assertThat(Utf8Check.validTarget("/messages/%F0%9F%91%8D")).isTrue();
		assertThat(Utf8Check.validTarget("/%C0%AFmessages")).isFalse();
		assertThat(Utf8Check.validTarget("/\u00c0\u00afmessages")).isFalse();
		assertThat(Utf8Check.validTarget("/%zz")).isFalse();
		assertThat(Utf8Check.validTarget("/%4")).isFalse();
	}

	private static boolean check(byte[] bytes) {
		var check = new Utf8Check();
		for (byte b : bytes) {
			if (!check.accept(b & 0xFF)) {
				return false;
			}
		}
		return check.complete();
	}

	private static boolean jdkAccepts(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
