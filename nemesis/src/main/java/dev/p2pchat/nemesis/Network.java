package dev.p2pchat.nemesis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The faults on the network now: a set of rules, each added by one fault and removed when
 * it heals, combined for every pair of nodes ({@link Faults#and}). What every
 * {@link FaultProxy} asks.
 */
public final class Network implements FaultProxy.Rules {

	/**
	 * One fault's effect: the faults from one node to another, or {@link Faults#NONE}.
	 */
	public interface Rule extends BiFunction<String, String, Faults> {

	}

	private final Set<Rule> rules = ConcurrentHashMap.newKeySet();

	public Rule add(Rule rule) {
		this.rules.add(rule);
		return rule;
	}

	public void remove(Rule rule) {
		this.rules.remove(rule);
	}

	public void clear() {
		this.rules.clear();
	}

	public boolean quiet() {
		return this.rules.isEmpty();
	}

	@Override
	public Faults between(String from, String to) {
		Faults faults = Faults.NONE;
		for (Rule rule : this.rules) {
			faults = faults.and(rule.apply(from, to));
		}
		return faults;
	}

	/** The bytes from {@code a} to {@code b} are cut (one way). */
	public static Rule cut(String a, String b) {
		return (from, to) -> (from.equals(a) && to.equals(b)) ? Faults.CUT : Faults.NONE;
	}

	/** Nothing passes between the two sides, either way. */
	public static Rule partition(Set<String> side) {
		return (from, to) -> (side.contains(from) != side.contains(to) && !from.equals(FaultProxy.UNKNOWN)
				&& !to.equals(FaultProxy.UNKNOWN)) ? Faults.CUT : Faults.NONE;
	}

	/** These faults on everything to and from one node. */
	public static Rule around(String node, Faults faults) {
		return (from, to) -> (from.equals(node) || to.equals(node)) ? faults : Faults.NONE;
	}

	/** These faults on everything going to one node (a slow consumer). */
	public static Rule into(String node, Faults faults) {
		return (from, to) -> to.equals(node) ? faults : Faults.NONE;
	}

}
