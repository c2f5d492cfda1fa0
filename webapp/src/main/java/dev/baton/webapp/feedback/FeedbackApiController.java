package dev.baton.webapp.feedback;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.Detached;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Feedback on assets: reps rate, comment, flag and say why they did not share; marketers read and reply. */
@RestController
class FeedbackApiController {

    private final FeedbackService feedback;

    FeedbackApiController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** A rating: 1 to 5 stars. */
    record RatingBody(Integer stars) {}

    /** A comment. */
    record CommentBody(String body) {}

    /** A flag or a "why not shared?" answer: a reason key and an optional note. */
    record ReasonBody(String reason, String note) {}

    /** Marketing's reply. */
    record ReplyBody(String reply) {}

    @Operation(summary = "An asset's feedback as the caller sees it: average rating, own rating, own comments, flags "
            + "and answers with replies (every one for marketers); askWhyNotShared is true when the caller should "
            + "be asked now (prompt=true records that they were asked today)")
    @GetMapping(path = "/api/v1/feedback/assets/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<FeedbackService.AssetFeedback> forAsset(@PathVariable UUID id,
            @RequestParam(name = "prompt", defaultValue = "false") boolean prompt,
            @AuthenticationPrincipal BatonUser user) {
        return Detached.uncancellable(feedback.forAsset(id, user, prompt));
    }

    @Operation(summary = "Rate an asset from 1 to 5 stars (again to change the rating)")
    @PutMapping(path = "/api/v1/feedback/assets/{id}/rating", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<FeedbackService.AssetFeedback> rate(@PathVariable UUID id, @RequestBody RatingBody body,
            @AuthenticationPrincipal BatonUser user) {
        return feedback.rate(id, body == null ? null : body.stars(), user);
    }

    @Operation(summary = "Comment on an asset; its owner sees it in their inbox")
    @PostMapping(path = "/api/v1/feedback/assets/{id}/comments", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<FeedbackService.Item> comment(@PathVariable UUID id, @RequestBody CommentBody body,
            @AuthenticationPrincipal BatonUser user) {
        return feedback.comment(id, body == null ? null : body.body(), user);
    }

    @Operation(summary = "Flag an asset: OUTDATED, WRONG_STAGE, FACTUAL_ERROR, MISSING_INFORMATION or BROKEN_FILE, "
            + "with an optional note")
    @PostMapping(path = "/api/v1/feedback/assets/{id}/flags", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<FeedbackService.Item> flag(@PathVariable UUID id, @RequestBody ReasonBody body,
            @AuthenticationPrincipal BatonUser user) {
        return feedback.flag(id, body == null ? null : body.reason(), body == null ? null : body.note(), user);
    }

    @Operation(summary = "Say why an asset was not shared: NOT_RELEVANT, OUTDATED, TOO_LONG, WRONG_STAGE, "
            + "OTHER_ASSET or OTHER")
    @PostMapping(path = "/api/v1/feedback/assets/{id}/not-shared", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<FeedbackService.Item> notShared(@PathVariable UUID id, @RequestBody ReasonBody body,
            @AuthenticationPrincipal BatonUser user) {
        return feedback.notShared(id, body == null ? null : body.reason(), body == null ? null : body.note(), user);
    }

    @Operation(summary = "The inbox: unanswered comments and flags on the caller's assets (scope=all: everyone's; "
            + "answered=true: answered ones too) and why reps did not share them; marketers")
    @GetMapping(path = "/api/v1/feedback/inbox", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<FeedbackService.Inbox> inbox(@RequestParam(name = "scope", defaultValue = "mine") String scope,
            @RequestParam(name = "answered", defaultValue = "false") boolean answered,
            @AuthenticationPrincipal BatonUser user) {
        return feedback.inbox(user, scope.equalsIgnoreCase("all"), answered);
    }

    @Operation(summary = "Reply to a comment, flag or answer; the rep is told and sees it on the asset page; "
            + "marketers")
    @PostMapping(path = "/api/v1/feedback/{id}/reply", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<FeedbackService.Item> reply(@PathVariable long id, @RequestBody ReplyBody body,
            @AuthenticationPrincipal BatonUser user) {
        return feedback.reply(id, body == null ? null : body.reply(), user);
    }
}
