package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.link.frame.FrameType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the names in docs/architecture.md's Mermaid diagrams honest: every HTTP call a
 * diagram names is in one of the OpenAPI documents (themselves checked against the
 * controllers by each service's {@code OpenApiDocumentTests}), and every link frame it
 * names ({@code frame: <type>}) is a {@link FrameType}.
 */
class ArchitectureDiagramTests {

	private static final Path ARCHITECTURE = Path.of("..", "docs", "architecture.md");

	private static final Pattern CALL = Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE) (/[A-Za-z0-9_/{}.-]*)");

	private static final Pattern FRAME = Pattern.compile("frame: ([a-z]+)");

	@Test
	void diagramsWhenTheyNameAnHttpCallNameOneTheServicesHave() throws IOException {
		Set<String> documented = new HashSet<>();
		for (String service : List.of("tracker", "peer")) {
			var paths = JsonMapper.builder()
				.build()
				.readTree(Path.of("..", "docs", "openapi", service + ".json").toFile())
				.get("paths");
			for (String path : paths.propertyNames()) {
				for (String method : paths.get(path).propertyNames()) {
					documented.add(method.toUpperCase() + " " + path);
				}
			}
		}

		List<String> named = all(CALL, diagrams(), 0);

		assertThat(named).isNotEmpty();
		assertThat(documented).containsAll(named);
	}

	@Test
	void diagramsWhenTheyNameALinkFrameNameOneTheProtocolHas() throws IOException {
		Set<String> frames = new HashSet<>();
		Arrays.stream(FrameType.values())
			.forEach((type) -> frames.add(type.name().toLowerCase(Locale.ROOT).replace("_", "")));

		List<String> named = all(FRAME, diagrams(), 1);

		// the handshake (hello, answer, auth) is binary and precedes the frames: the
		// diagrams name the frames that carry messages
		assertThat(named).contains("batch", "ack");
		assertThat(frames).containsAll(named);
	}

	private static String diagrams() throws IOException {
		String markdown = Files.readString(ARCHITECTURE);
		var mermaid = new StringBuilder();
		Matcher blocks = Pattern.compile("```mermaid\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
		while (blocks.find()) {
			mermaid.append(blocks.group(1)).append('\n');
		}
		return mermaid.toString();
	}

	private static List<String> all(Pattern pattern, String text, int group) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(group));
		}
		return found;
	}

}
