package io.rmote.samples.inventory;

/** Maps a namedtuple. */
public record Size(long used, long total) {}
