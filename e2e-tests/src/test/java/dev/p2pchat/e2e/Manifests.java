package dev.p2pchat.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The objects {@code kubectl kustomize} renders from a directory of {@code k8s/}, with a
 * few lookups into their YAML trees.
 */
record Manifests(List<Map<String, Object>> objects) {

	static Manifests render(String relativeDir) {
		Path dir = Repository.file(relativeDir);
		Process process = kubectl(dir);
		try {
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
			}
			List<Map<String, Object>> objects = new ArrayList<>();
			for (Object doc : new Yaml().loadAll(out)) {
				objects.add(map(doc));
			}
			return new Manifests(List.copyOf(objects));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Process kubectl(Path dir) {
		try {
			return new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
		}
		catch (IOException ex) {
			if (Repository.onCi()) {
				throw new IllegalStateException("kubectl is needed to render k8s/ (CI=true)", ex);
			}
			Assumptions.abort("kubectl is not installed: " + ex.getMessage());
			throw new AssertionError(ex);
		}
	}

	List<Map<String, Object>> ofKind(String... kinds) {
		List<String> wanted = List.of(kinds);
		return this.objects.stream().filter((object) -> wanted.contains(object.get("kind"))).toList();
	}

	Map<String, Object> named(String kind, String name) {
		return ofKind(kind).stream()
			.filter((object) -> name.equals(at(object, "metadata", "name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
	}

	/** The value at a path of map keys, or null when a step is missing. */
	static @Nullable Object at(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(@Nullable Object node) {
		if (!(node instanceof Map<?, ?>)) {
			throw new AssertionError("not a YAML mapping: " + node);
		}
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(@Nullable Object node) {
		return (node instanceof List<?>) ? (List<Object>) node : List.of();
	}

}
