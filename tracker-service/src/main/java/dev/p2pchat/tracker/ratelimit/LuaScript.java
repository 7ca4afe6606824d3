package dev.p2pchat.tracker.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * One Lua script of this package, run by its digest and sent whole when Redis does not
 * know it (after a restart, say). Thread-safe.
 */
final class LuaScript {

	private final String source;

	private volatile String digest = "";

	private LuaScript(String source) {
		this.source = source;
	}

	/** The script of that resource name, next to this class. */
	static LuaScript load(String name) {
		try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing script " + name);
			}
			return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs the script for an integer reply. */
	Long runForInteger(RedisCommands<String, String> redis, String[] keys, String... args) {
		if (this.digest.isEmpty()) {
			this.digest = redis.digest(this.source);
		}
		try {
			return redis.evalsha(this.digest, ScriptOutputType.INTEGER, keys, args);
		}
		catch (RedisNoScriptException ex) {
			return redis.eval(this.source, ScriptOutputType.INTEGER, keys, args);
		}
	}

}
