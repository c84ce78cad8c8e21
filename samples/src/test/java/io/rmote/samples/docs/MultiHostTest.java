package io.rmote.samples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.Remote;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Runs the code of docs/multi-host.md on three local "hosts", local python3 connections named as
 * hosts, one of which cannot start its interpreter.
 */
class MultiHostTest {

  @Test
  void twoRoundsOnOneFleetWithABrokenHostReportedBesideTheOthers() {
    // [hosts]
    Function<String, Remote> connect =
        host ->
            Remote.builder()
                .name(host)
                .python(host.equals("broken") ? "/nonexistent/python3" : "python3")
                .connect();
    List<String> out = MultiHost.twoRounds(List.of("web1", "broken", "web2"), connect);
    // [/hosts]
    out.forEach(System.out::println);
    List<String> rounds = out.stream().filter(l -> !l.contains(" done, ")).toList();
    assertEquals(6, rounds.size(), String.join("\n", out));
    assertTrue(rounds.get(0).startsWith("web1: "), rounds.get(0));
    assertTrue(!rounds.get(0).contains("failed") && !rounds.get(0).contains("not connected"));
    String notConnected = "broken: not connected: ";
    assertTrue(rounds.get(1).startsWith(notConnected), rounds.get(1));
    assertTrue(
        rounds.get(1).substring(notConnected.length()).contains("broken"),
        "the exception names the host: " + rounds.get(1));
    assertTrue(rounds.get(2).startsWith("web2: "), rounds.get(2));
    assertTrue(rounds.get(3).matches("web1: \\d+ \\.conf files"), rounds.get(3));
    assertTrue(rounds.get(4).startsWith("broken: not connected: "), rounds.get(4));
    assertTrue(rounds.get(5).matches("web2: \\d+ \\.conf files"), rounds.get(5));
    assertTrue(out.contains("2 done, 1 failed"), "the last progress report of each phase: " + out);
  }
}
