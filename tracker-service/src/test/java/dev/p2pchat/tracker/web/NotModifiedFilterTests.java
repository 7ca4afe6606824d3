package dev.p2pchat.tracker.web;

import dev.p2pchat.tracker.ServerTestBase;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.p2pchat.tracker.TrackerTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.p2pchat.tracker.TestIdentity.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Revalidating {@code GET /peers} over real HTTP: a matching {@code If-None-Match} gets a
 * 304 with the list's ETag and no body, anything else the full list, as before the
 * {@link NotModifiedFilter}.
 */
class NotModifiedFilterTests extends ServerTestBase {

	@Autowired
	private MeterRegistry meters;

	private String token;

	private String etag;

	@BeforeEach
	void registerOnePeer() {
		this.token = this.http.token("nm-1", "nina", "http://localhost:9401");
		this.etag = get("/peers").headers().firstValue("ETag").orElseThrow();
	}

	@Test
	void listWhenIfNoneMatchCurrentReturnsNotModifiedWithListHeadersAndNoBody() {
		HttpResponse<String> response = get("/peers", "If-None-Match", this.etag);

		assertThat(response.statusCode()).isEqualTo(304);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("ETag")).hasValue(this.etag);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
		assertThat(headerNames(response)).containsExactly("cache-control", "date", "etag");
	}

	@Test
	void listWhenRegistrationChangedTheListReturnsNewListThenNotModifiedForItsEtag() {
		this.http.token("nm-2", "noah", "http://localhost:9402");

		HttpResponse<String> changed = get("/peers", "If-None-Match", this.etag);

		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(usernames(changed)).containsExactly("nina", "noah");
		String newEtag = changed.headers().firstValue("ETag").orElseThrow();
		assertThat(newEtag).isNotEqualTo(this.etag);
		assertThat(get("/peers", "If-None-Match", newEtag).statusCode()).isEqualTo(304);
	}

	@Test
	void listWhenEtagStaleAfterRenewalReturnsFullList() {
		this.clock.advance(Duration.ofSeconds(1));
		HttpResponse<String> renewed = this.http.send("PUT", "/peers/" + id("nm-1") + "/lease", null,
				BodyPublishers.noBody(), "Authorization", "Bearer " + this.token);
		assertThat(renewed.statusCode()).isEqualTo(200);

		HttpResponse<String> response = get("/peers", "If-None-Match", this.etag);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(usernames(response)).containsExactly("nina");
		assertThat(response.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(this.etag);
	}

	@Test
	void headWhenIfNoneMatchCurrentReturnsNotModified() {
		HttpResponse<String> response = head("If-None-Match", this.etag);

		assertThat(response.statusCode()).isEqualTo(304);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("ETag")).hasValue(this.etag);
		assertThat(headerNames(response)).containsExactly("cache-control", "date", "etag");
	}

	@Test
	void headWhenIfNoneMatchOtherReturnsOkWithLengthAndNoBody() {
		int length = get("/peers").body().length();

		HttpResponse<String> response = head("If-None-Match", "\"other\"");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("ETag")).hasValue(this.etag);
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(length);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "W/{etag}", "\"other\", {etag}", "\"other\",{etag},", "{etag},", "W/\"other\" , W/{etag}" })
	void listWhenIfNoneMatchNamesCurrentAmongOthersOrWeakReturnsNotModified(String ifNoneMatch) {
		HttpResponse<String> response = get("/peers", "If-None-Match", ifNoneMatch.replace("{etag}", this.etag));

		assertThat(response.statusCode()).isEqualTo(304);
		assertThat(response.headers().firstValue("ETag")).hasValue(this.etag);
	}

	@Test
	void listWhenCurrentIsInSecondIfNoneMatchHeaderReturnsNotModified() {
		HttpResponse<String> response = get("/peers", "If-None-Match", "\"other\"", "If-None-Match", this.etag);

		assertThat(response.statusCode()).isEqualTo(304);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"other\"", "W/\"other\"", "\"{tag}x\"", "{tag}", "W/{tag}", "\"{tag}", "{tag}\"",
			"garbage", "\"\"", "*" })
	void listWhenIfNoneMatchOtherOrMalformedReturnsFullList(String ifNoneMatch) {
		String tag = this.etag.substring(1, this.etag.length() - 1);

		// "*" included: Spring has always answered it with the list, and still does
		HttpResponse<String> response = get("/peers", "If-None-Match", ifNoneMatch.replace("{tag}", tag));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(usernames(response)).containsExactly("nina");
		assertThat(response.headers().firstValue("ETag")).hasValue(this.etag);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@Test
	void listWhenNotAcceptingJsonStillReturnsNotAcceptable() {
		HttpResponse<String> response = get("/peers", "If-None-Match", this.etag, "Accept", "text/html");

		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void listWithQueryStringIsAnsweredByMvcWhichStillReturnsNotModified() {
		double before = notModifiedCount();

		for (int i = 0; i < 3; i++) {
			assertThat(get("/peers", "If-None-Match", this.etag, "Accept", "application/json").statusCode())
				.isEqualTo(304);
		}
		HttpResponse<String> throughMvc = get("/peers?via=mvc", "If-None-Match", this.etag);

		assertThat(throughMvc.statusCode()).isEqualTo(304);
		assertThat(headerNames(throughMvc)).containsExactly("cache-control", "date", "etag");
		// only the request that reached MVC is observed: the filter's 304s are not
		await().atMost(Duration.ofSeconds(5)).until(() -> notModifiedCount() >= before + 1);
		assertThat(notModifiedCount()).isEqualTo(before + 1);
	}

	private double notModifiedCount() {
		return this.meters.find("http.server.requests")
			.tags("uri", "/peers", "status", "304")
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
	}

	private HttpResponse<String> get(String path, String... headers) {
		return this.http.send("GET", path, null, BodyPublishers.noBody(), headers);
	}

	private HttpResponse<String> head(String... headers) {
		return this.http.send("HEAD", "/peers", null, BodyPublishers.noBody(), headers);
	}

	private static Set<String> headerNames(HttpResponse<String> response) {
		Set<String> names = new TreeSet<>();
		response.headers().map().keySet().forEach((name) -> names.add(name.toLowerCase(Locale.ROOT)));
		return names;
	}

	private static List<String> usernames(HttpResponse<String> response) {
		return TrackerTestSupport.json(response.body()).valueStream().map((p) -> p.get("username").asString()).toList();
	}

}
