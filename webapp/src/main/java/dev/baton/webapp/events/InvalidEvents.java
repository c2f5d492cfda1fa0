package dev.baton.webapp.events;

import dev.baton.webapp.system.BatonException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * A batch of events with bad ones in it (400): nothing of it was recorded. The problem document's {@code errors} name
 * each bad event by its {@code index} in the batch (from 0), with the {@code field} and the {@code reason}; a problem
 * of the batch as a whole has no index.
 */
class InvalidEvents extends BatonException {

    private final List<EventBatch.Problem> problems;

    InvalidEvents(List<EventBatch.Problem> problems) {
        super(HttpStatus.BAD_REQUEST, "Invalid events", describe(problems));
        this.problems = List.copyOf(problems);
    }

    private static String describe(List<EventBatch.Problem> problems) {
        long events = problems.stream().map(EventBatch.Problem::index).filter(i -> i != null).distinct().count();
        String head = events == 0 ? "The batch is not valid" : events + (events == 1 ? " event is" : " events are")
                + " not valid";
        String listed = problems.stream().limit(10)
                .map(p -> (p.index() == null ? "" : "event " + p.index() + " ") + p.field() + ": " + p.reason())
                .collect(Collectors.joining("; "));
        return head + "; nothing was recorded. " + listed + (problems.size() > 10 ? "; ..." : "");
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", problems.stream().map(p -> {
            Map<String, Object> error = new LinkedHashMap<>();
            if (p.index() != null) {
                error.put("index", p.index());
            }
            error.put("field", p.field());
            error.put("reason", p.reason());
            return error;
        }).toList());
    }

    /** A body larger than Baton reads for one batch (413). */
    static final class TooLarge extends BatonException {
        TooLarge(long maxBytes) {
            super(HttpStatus.CONTENT_TOO_LARGE, "Content too large", "A batch of events may be at most "
                    + maxBytes / 1024 + " KB of JSON; send fewer events per request");
        }
    }
}
