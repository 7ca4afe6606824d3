// The measurement behind docs/decisions/0004-durable-store.md: write cost per message and grouped,
// with and without a disk sync, and reading 10,000 records back, for an append-only journal (JDK
// only), H2 MVStore and SQLite. Run with the two jars from the local Maven repository:
//   CP=~/.m2/repository/com/h2database/h2/2.5.252/h2-2.5.252.jar:~/.m2/repository/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar
//   javac -cp $CP -d /tmp/h StoreHarness.java && java --enable-native-access=ALL-UNNAMED -cp $CP:/tmp/h StoreHarness /tmp
import java.nio.*;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.sql.*;
import java.util.*;
import java.util.zip.CRC32C;
import org.h2.mvstore.*;

public class StoreHarness {
  static final int N = 10_000;
  static byte[][] PRE = new byte[20100][]; static byte[] msg(int i) { return PRE[i]; } static byte[] mk(int i) { String s = "{\"id\":\"0193a0b2-" + String.format("%012d", i) + "\",\"fromId\":\"c0ffee-peer-id-0123456789abcdef\",\"from\":\"alice\",\"text\":\"" + "x".repeat(200) + "\",\"sentAt\":\"2026-12-02T01:00:00Z\"}"; return s.getBytes(); }
  public static void main(String[] a) throws Exception {
    for (int i = 0; i < PRE.length; i++) PRE[i] = mk(i);
    Path dir = Files.createTempDirectory(Path.of(a.length > 0 ? a[0] : "/tmp"), "h");
    for (int round = 0; round < 3; round++) {
      System.out.println("--- round " + round);
      journal(dir.resolve("j1-" + round), 0);
      journal(dir.resolve("j2-" + round), 100);
      journal(dir.resolve("j3-" + round), 1);
      mv(dir.resolve("mv1-" + round), 1);
      mv(dir.resolve("mv2-" + round), 100);
      sqlite(dir.resolve("sq1-" + round), 1, "NORMAL");
      sqlite(dir.resolve("sq2-" + round), 100, "NORMAL");
      sqlite(dir.resolve("sq3-" + round), 1, "FULL");
    }
  }
  static void report(String what, long nanos, int n) { System.out.printf("%-48s %8.2f us/msg%n", what, nanos / 1000.0 / n); }
  static void journal(Path f, int forceEvery) throws Exception {
    int n = forceEvery == 1 ? 1000 : N;
    CRC32C crc = new CRC32C();
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        byte[] m = msg(i); crc.reset(); crc.update(m);
        buf.clear(); buf.putInt(m.length).putInt((int) crc.getValue()).put(m).flip();
        while (buf.hasRemaining()) ch.write(buf);
        if (forceEvery > 0 && (i + 1) % forceEvery == 0) ch.force(false);
      }
      report("journal write()/msg force every " + forceEvery, System.nanoTime() - t, n);
      // grouped: 100 messages per write
      t = System.nanoTime();
      for (int i = 0; i < N; i += 100) {
        buf.clear();
        for (int j = 0; j < 100; j++) { byte[] m = msg(i + j); crc.reset(); crc.update(m); buf.putInt(m.length).putInt((int) crc.getValue()).put(m); }
        buf.flip(); while (buf.hasRemaining()) ch.write(buf);
        if (forceEvery > 0) ch.force(false);
      }
      report("journal write()/100 msgs" + (forceEvery > 0 ? " + force" : ""), System.nanoTime() - t, N);
    }
    long t = System.nanoTime();
    byte[] all = Files.readAllBytes(f); ByteBuffer b = ByteBuffer.wrap(all); int c = 0;
    while (b.remaining() >= 8) { int len = b.getInt(); int cr = b.getInt(); byte[] m = new byte[len]; b.get(m); crc.reset(); crc.update(m); if ((int) crc.getValue() != cr) break; new String(m); c++; }
    System.out.printf("journal read %d records: %.1f ms%n", c, (System.nanoTime() - t) / 1e6);
  }
  static void mv(Path f, int commitEvery) {
    MVStore s = new MVStore.Builder().fileName(f.toString()).autoCommitDisabled().open();
    MVMap<Long, byte[]> m = s.openMap("h");
    long t = System.nanoTime();
    int n = commitEvery == 1 ? 2000 : N;
    for (int i = 0; i < n; i++) { m.put((long) i, msg(i)); if ((i + 1) % commitEvery == 0) s.commit(); }
    report("MVStore put + commit every " + commitEvery, System.nanoTime() - t, n);
    t = System.nanoTime(); for (int i = 0; i < 100; i++) { m.put((long) N + i, msg(i)); s.commit(); s.sync(); }
    report("MVStore put + commit + sync each", System.nanoTime() - t, 100);
    s.close();
    t = System.nanoTime();
    s = new MVStore.Builder().fileName(f.toString()).open(); m = s.openMap("h"); int c = 0; for (var e : m.entrySet()) { new String(e.getValue()); c++; } s.close();
    System.out.printf("MVStore open+read %d: %.1f ms%n", c, (System.nanoTime() - t) / 1e6);
  }
  static void sqlite(Path f, int perTx, String sync) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f)) {
      try (Statement s = c.createStatement()) { s.execute("PRAGMA journal_mode=WAL"); s.execute("PRAGMA synchronous=" + sync); s.execute("create table h(seq integer primary key, body blob)"); }
      c.setAutoCommit(perTx == 1);
      int n = perTx == 1 ? 2000 : N;
      try (PreparedStatement p = c.prepareStatement("insert into h values(?,?)")) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) { p.setLong(1, i); p.setBytes(2, msg(i)); p.executeUpdate(); if (perTx > 1 && (i + 1) % perTx == 0) c.commit(); }
        if (perTx > 1) c.commit();
        report("SQLite WAL sync=" + sync + " insert, " + perTx + "/tx", System.nanoTime() - t, n);
      }
    }
    long t = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement(); ResultSet r = s.executeQuery("select body from h order by seq")) {
      int k = 0; while (r.next()) { new String(r.getBytes(1)); k++; }
      System.out.printf("SQLite open+read %d: %.1f ms%n", k, (System.nanoTime() - t) / 1e6);
    }
  }
}
