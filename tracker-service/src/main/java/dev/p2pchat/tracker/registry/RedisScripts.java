package dev.p2pchat.tracker.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The Lua scripts of {@link RedisPeerRegistry}: each is the shared prelude followed by
 * one operation, run with {@code EVALSHA} and loaded again when Redis answers
 * {@code NOSCRIPT} (after a restart, for example).
 */
final class RedisScripts {

	/** The operations, each named after its {@code .lua} file. */
	enum Script {

		REGISTER, RENEW, RENAME, REMOVE, EXPIRE, LIST;

		String fileName() {
			return name().toLowerCase(Locale.ROOT) + ".lua";
		}

	}

	private final Map<Script, String> sources = new EnumMap<>(Script.class);

	private final Map<Script, String> digests = new EnumMap<>(Script.class);

	RedisScripts() {
		String prelude = read("prelude.lua");
		for (Script script : Script.values()) {
			String source = prelude + read(script.fileName());
			this.sources.put(script, source);
			this.digests.put(script, sha1Hex(source));
		}
	}

	/**
	 * Runs a script.
	 * @param <T> the reply type ({@code List<Object>} for MULTI, {@code Long} for
	 * INTEGER)
	 * @param commands the connection's commands
	 * @param script which script
	 * @param output the reply type
	 * @param keys the keys
	 * @param args the arguments
	 * @return the reply
	 */
	<T> T run(RedisCommands<String, String> commands, Script script, ScriptOutputType output, String[] keys,
			String... args) {
		try {
			return commands.evalsha(this.digests.get(script), output, keys, args);
		}
		catch (RedisNoScriptException ex) {
			commands.scriptLoad(this.sources.get(script));
			return commands.evalsha(this.digests.get(script), output, keys, args);
		}
	}

	private static String read(String name) {
		try (InputStream in = RedisScripts.class.getResourceAsStream("redis/" + name)) {
			if (in == null) {
				throw new IllegalStateException("missing script " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read script " + name, ex);
		}
	}

	private static String sha1Hex(String source) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is missing from this JVM", ex);
		}
	}

}
