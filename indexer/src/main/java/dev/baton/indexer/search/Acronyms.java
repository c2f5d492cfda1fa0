package dev.baton.indexer.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the semantic side reads an acronym as: a short word of a synonym group (or of a facet value's names) spelled by
 * the initials of a longer entry of the same group, "ciso" by "chief information security officer", "sso" by "single
 * sign-on". The sentence model knows the words far better than the letters, so the query it embeds carries both.
 * Entries whose initials do not spell the acronym ("2fa", "sfdc") are left alone: they are synonyms, not spellings.
 */
final class Acronyms {

    static final Acronyms NONE = new Acronyms(Map.of());

    /** Longest word taken for an acronym. */
    static final int MAX_LETTERS = 6;

    private final Map<String, String> expansions;

    private Acronyms(Map<String, String> expansions) {
        this.expansions = Map.copyOf(expansions);
    }

    /** The acronyms of these groups of names; an acronym spelled in two groups keeps the first group's expansion. */
    static Acronyms of(Collection<? extends Collection<String>> groups) {
        Map<String, String> found = new HashMap<>();
        for (Collection<String> group : groups) {
            for (String entry : group) {
                String acronym = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
                if (acronym.length() < 2 || acronym.length() > MAX_LETTERS || !acronym.chars().allMatch(Character::isLetter)
                        || found.containsKey(acronym)) {
                    continue;
                }
                for (String other : group) {
                    if (other != null && acronym.equals(initials(other))) {
                        found.put(acronym, other.strip().toLowerCase(Locale.ROOT));
                        break;
                    }
                }
            }
        }
        return new Acronyms(found);
    }

    /** These expansions, then {@code other}'s for the acronyms these do not have. */
    Acronyms and(Acronyms other) {
        Map<String, String> both = new HashMap<>(other.expansions);
        both.putAll(expansions);
        return new Acronyms(both);
    }

    /**
     * The text with each acronym followed by its expansion ("CISO due diligence" becomes "CISO chief information
     * security officer due diligence"); an expansion already in the text is not repeated.
     */
    String expand(String text) {
        if (text == null || expansions.isEmpty()) {
            return text;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String word : text.split("\\s+")) {
            out.add(word);
            String clean = word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]", "");
            String expansion = expansions.get(clean);
            if (expansion != null && !lower.contains(expansion)) {
                out.add(expansion);
            }
        }
        return String.join(" ", out);
    }

    int size() {
        return expansions.size();
    }

    /** The first letters of a name of two or more words ("single sign-on": "sso"); empty for a single word. */
    private static String initials(String name) {
        String[] words = name.strip().toLowerCase(Locale.ROOT).split("[\\s\\-/]+");
        if (words.length < 2) {
            return "";
        }
        StringBuilder letters = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty() && Character.isLetter(word.charAt(0))) {
                letters.append(word.charAt(0));
            }
        }
        return letters.toString();
    }
}
