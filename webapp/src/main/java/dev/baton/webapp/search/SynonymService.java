package dev.baton.webapp.search;

import dev.baton.indexer.search.Synonyms;
import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import dev.baton.webapp.system.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The synonym groups admins edit: every term of a group finds what the others find. They apply at query time, so a
 * change needs no reindexing; it reaches every node's index through the outbox (a row about {@code search/synonyms}).
 */
@Service
class SynonymService {

    static final int MAX_TERM = 100;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final Outbox outbox;

    SynonymService(DatabaseClient db, TransactionalOperator tx, AuditLog audit, Outbox outbox) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.outbox = outbox;
    }

    Mono<List<List<String>>> groups() {
        return db.sql("select terms from search_synonym order by position")
                .map(row -> List.of(row.get("terms", String[].class)))
                .all()
                .collectList();
    }

    /**
     * Replaces every group. Terms are trimmed and lower-cased; empty lines are dropped; a group needs two different
     * terms.
     *
     * @throws BatonException.InvalidInput naming each wrong group
     */
    Mono<List<List<String>>> replace(List<List<String>> groups, String actor, String remoteAddr) {
        List<List<String>> clean = clean(groups);
        Flux<Long> inserts = Flux.range(0, clean.size())
                .concatMap(i -> db.sql("insert into search_synonym (position, terms, updated_by) "
                                + "values (:position, :terms, :actor)")
                        .bind("position", i + 1)
                        .bind("terms", clean.get(i).toArray(String[]::new))
                        .bind("actor", actor)
                        .fetch()
                        .rowsUpdated());
        return db.sql("delete from search_synonym").fetch().rowsUpdated()
                .thenMany(inserts)
                .then(outbox.synonymsChanged())
                .then(audit.record(actor, "search.synonyms-changed", "synonyms", clean.size() + " groups",
                        remoteAddr))
                .as(tx::transactional)
                .thenReturn(clean);
    }

    static List<List<String>> clean(List<List<String>> groups) {
        if (groups == null) {
            throw new BatonException.InvalidInput("groups", "give the synonym groups (an empty list for none)");
        }
        if (groups.size() > Synonyms.MAX_GROUPS) {
            throw new BatonException.InvalidInput("groups", "at most " + Synonyms.MAX_GROUPS + " groups");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        List<List<String>> clean = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<String> group = groups.get(i) == null ? List.of() : groups.get(i);
            Set<String> terms = new LinkedHashSet<>();
            for (String term : group) {
                String t = term == null ? "" : term.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                if (t.length() > MAX_TERM) {
                    errors.put("groups[" + i + "]", "a term may have at most " + MAX_TERM + " characters");
                } else if (!t.isEmpty()) {
                    terms.add(t);
                }
            }
            if (terms.isEmpty()) {
                continue;
            }
            if (terms.size() < 2) {
                errors.put("groups[" + i + "]", "a group needs at least two different terms: " + terms);
            } else if (terms.size() > Synonyms.MAX_ENTRIES_PER_GROUP) {
                errors.put("groups[" + i + "]", "at most " + Synonyms.MAX_ENTRIES_PER_GROUP + " terms per group");
            }
            clean.add(List.copyOf(terms));
        }
        if (!errors.isEmpty()) {
            throw new BatonException.InvalidInput(errors);
        }
        return clean;
    }

    /** Groups written one per line, terms separated by commas (the admin page's text box). */
    static List<List<String>> parseLines(String text) {
        List<List<String>> groups = new ArrayList<>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            if (!line.isBlank()) {
                groups.add(List.of(line.split(",")));
            }
        }
        return groups;
    }

    static String toLines(List<List<String>> groups) {
        StringBuilder text = new StringBuilder();
        groups.forEach(group -> text.append(String.join(", ", group)).append('\n'));
        return text.toString();
    }
}
