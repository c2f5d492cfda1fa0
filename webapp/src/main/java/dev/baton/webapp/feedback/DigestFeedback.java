package dev.baton.webapp.feedback;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the weekly digest (package reports) tells marketers of feedback and content requests: the open flags and the
 * new comments and ratings on assets, and the open content requests with their service-level breaches. Read-only.
 */
@Component
public class DigestFeedback {

    /** How many rows each read returns at most. */
    static final int LIMIT = 5000;

    /**
     * A flag nobody answered yet, a comment or a rating on an asset.
     *
     * @param kind {@code FLAG}, {@code COMMENT} or {@code RATING}
     * @param label the flag's reason as people read it ("Outdated"); empty for comments and ratings
     * @param text the note of a flag or the comment; empty for ratings
     * @param stars a rating's 1 to 5; {@code null} for the others
     */
    public record Note(UUID assetId, String kind, String label, String text, Integer stars, Instant at) {}

    /**
     * An open (or in progress) content request.
     *
     * @param query the words asked for; empty when the request gave only filters or a note
     * @param note what the requester wrote beside it
     * @param assigneeId who works on it; {@code null} when nobody does yet
     * @param breached open after its due date: a breach of the service level
     * @param requesters how many people asked for it
     */
    public record OpenRequest(long id, String query, String note, String statusLabel, Long assigneeId, LocalDate dueOn,
            boolean breached, long requesters) {}

    private final DatabaseClient db;
    private final Clock clock;

    DigestFeedback(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Every flag not yet answered (whenever it was raised), and the comments and ratings given since {@code since},
     * newest first; the caller keeps those on the assets it cares about.
     */
    public Mono<List<Note>> notes(Instant since) {
        OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
        Mono<List<Note>> feedback = db.sql("select asset_id, kind, reason, body, created_at from asset_feedback "
                        + "where (kind = 'FLAG' and reply is null) or (kind = 'COMMENT' and created_at >= :since) "
                        + "order by created_at desc, id desc limit " + LIMIT)
                .bind("since", from)
                .map(row -> {
                    String kind = row.get("kind", String.class);
                    String reason = row.get("reason", String.class);
                    return new Note(row.get("asset_id", UUID.class), kind,
                            "FLAG".equals(kind) ? Reasons.label("FLAG", reason) : "", row.get("body", String.class),
                            null, row.get("created_at", OffsetDateTime.class).toInstant());
                })
                .all()
                .collectList();
        Mono<List<Note>> ratings = db.sql("select asset_id, stars, rated_at from asset_rating "
                        + "where rated_at >= :since order by rated_at desc limit " + LIMIT)
                .bind("since", from)
                .map(row -> new Note(row.get("asset_id", UUID.class), "RATING", "", "",
                        row.get("stars", Integer.class), row.get("rated_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList();
        return Mono.zip(feedback, ratings).map(t -> {
            List<Note> all = new java.util.ArrayList<>(t.getT1());
            all.addAll(t.getT2());
            all.sort(java.util.Comparator.comparing(Note::at).reversed());
            return List.copyOf(all);
        });
    }

    /** The open and in-progress content requests: breaches of the service level first, then by due date. */
    public Mono<List<OpenRequest>> openRequests() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return db.sql("select r.id, r.query, r.note, r.status, r.assignee_id, r.due_on, "
                        + "(select count(*) from content_request_requester q where q.request_id = r.id) as requesters "
                        + "from content_request r where r.status in ('OPEN', 'IN_PROGRESS') "
                        + "order by (r.due_on < :today) desc, r.due_on, r.id limit " + LIMIT)
                .bind("today", today)
                .map(row -> {
                    LocalDate due = row.get("due_on", LocalDate.class);
                    return new OpenRequest(row.get("id", Long.class), row.get("query", String.class),
                            row.get("note", String.class),
                            ContentRequests.Status.valueOf(row.get("status", String.class)).label(),
                            row.get("assignee_id", Long.class), due, due.isBefore(today),
                            row.get("requesters", Long.class));
                })
                .all()
                .collectList();
    }
}
