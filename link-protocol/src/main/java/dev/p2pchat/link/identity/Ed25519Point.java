package dev.p2pchat.link.identity;

import java.math.BigInteger;

/**
 * Decodes a raw Ed25519 public key as a curve point (RFC 8032 §5.1.3) and refuses what a
 * peer's identity must never be: a non-canonical encoding (y ≥ p, or x = 0 with its sign
 * bit set), a point not on the curve, and the eight points of small order (the point
 * times the cofactor 8 is the neutral element). A small-order key "verifies" forged
 * signatures under some verifiers and contributes nothing to a key agreement, and a
 * second spelling of one key would give one key two peerIds. The JDK decodes keys but
 * checks none of this. BigInteger arithmetic: a key is checked once per handshake or
 * registration, which costs tens of microseconds.
 */
final class Ed25519Point {

	private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

	/** d = -121665 / 121666 mod p. */
	private static final BigInteger D = BigInteger.valueOf(-121665)
		.multiply(BigInteger.valueOf(121666).modInverse(P))
		.mod(P);

	/** A square root of -1 mod p: 2^((p-1)/4). */
	private static final BigInteger SQRT_MINUS_ONE = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

	private static final int COFACTOR_DOUBLINGS = 3;

	private Ed25519Point() {
	}

	/**
	 * Checks a raw 32-byte key.
	 * @throws IllegalArgumentException naming what is wrong with it
	 */
	static void check(byte[] raw) {
		int sign = (raw[31] >> 7) & 1;
		byte[] bigEndian = new byte[32];
		for (int i = 0; i < 32; i++) {
			bigEndian[i] = raw[31 - i];
		}
		bigEndian[0] &= 0x7f;
		BigInteger y = new BigInteger(1, bigEndian);
		if (y.compareTo(P) >= 0) {
			throw new IllegalArgumentException("not a canonical Ed25519 key (y is not below p)");
		}
		BigInteger x = recoverX(y, sign);
		BigInteger[] point = { x, y };
		for (int i = 0; i < COFACTOR_DOUBLINGS; i++) {
			point = add(point, point);
		}
		if (point[0].signum() == 0 && point[1].equals(BigInteger.ONE)) {
			throw new IllegalArgumentException("an Ed25519 key of small order");
		}
	}

	/** x from y and its sign bit: x² = (y² - 1) / (d·y² + 1). */
	private static BigInteger recoverX(BigInteger y, int sign) {
		BigInteger y2 = y.multiply(y).mod(P);
		BigInteger x2 = y2.subtract(BigInteger.ONE).multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
		BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
		if (!x.multiply(x).mod(P).equals(x2)) {
			x = x.multiply(SQRT_MINUS_ONE).mod(P);
		}
		if (!x.multiply(x).mod(P).equals(x2)) {
			throw new IllegalArgumentException("not an Ed25519 key (not a point on the curve)");
		}
		if (x.signum() == 0 && sign == 1) {
			throw new IllegalArgumentException("not a canonical Ed25519 key (x is 0 but its sign bit is set)");
		}
		return (x.testBit(0) == (sign == 1)) ? x : P.subtract(x);
	}

	/**
	 * The complete twisted Edwards addition (a = -1): never divides by zero on this
	 * curve, so doubling needs no special case.
	 */
	private static BigInteger[] add(BigInteger[] p1, BigInteger[] p2) {
		BigInteger x1x2 = p1[0].multiply(p2[0]).mod(P);
		BigInteger y1y2 = p1[1].multiply(p2[1]).mod(P);
		BigInteger dxy = D.multiply(x1x2).multiply(y1y2).mod(P);
		BigInteger x3 = p1[0].multiply(p2[1])
			.add(p1[1].multiply(p2[0]))
			.multiply(BigInteger.ONE.add(dxy).modInverse(P))
			.mod(P);
		BigInteger y3 = y1y2.add(x1x2).multiply(BigInteger.ONE.subtract(dxy).mod(P).modInverse(P)).mod(P);
		return new BigInteger[] { x3, y3 };
	}

}
