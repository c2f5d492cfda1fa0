package dev.baton.indexer.search;

import java.util.List;

/** Synonym groups: every entry of a group finds what the others find. Admins edit the list; these are the defaults. */
public final class Synonyms {

    /** The defaults every new installation starts with: the funnel's abbreviations and the business-case terms. */
    public static final List<List<String>> DEFAULTS = List.of(
            List.of("mql", "marketing qualified lead"),
            List.of("sql", "sales qualified lead"),
            List.of("sal", "sales accepted lead"),
            List.of("roi", "return on investment"),
            List.of("tco", "total cost of ownership"),
            List.of("rfp", "request for proposal"),
            List.of("poc", "proof of concept"),
            List.of("qbr", "quarterly business review"),
            List.of("deck", "slides", "presentation"));

    /** Most groups and entries per group accepted: the synonym map is rebuilt in memory on every change. */
    public static final int MAX_GROUPS = 5_000;

    public static final int MAX_ENTRIES_PER_GROUP = 50;

    private Synonyms() {}
}
