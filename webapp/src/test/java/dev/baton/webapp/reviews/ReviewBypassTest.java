package dev.baton.webapp.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestMail;
import dev.baton.webapp.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The ways around review before publish a compliance reviewer would try, each closed: a link pinned to a version
 * held for review or sent back, restoring an archived asset or giving it a new version, approving one's own work,
 * dropping a covering tag while publishing, an approval under a milder rule than today's, a lapsed approval shared;
 * and rules by content type, for every asset and with a validity, as they gate publishing.
 */
class ReviewBypassTest extends ReviewTest {

    @Test
    void aLinkMayBePinnedOnlyToTheLiveVersionOrOneThatWasLive() {
        String tag = "pinned" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String id = approvedAndPublished(tag, "Pinned claims " + word());
        addVersion(id, pdf("Pinned v2"), "pinned-v2.pdf");

        // version 2 is held: no link may carry it to a buyer, whoever makes it
        for (String who : List.of(rep, marketer)) {
            assertThat(json("POST", "/api/v1/shares", who, pinned(id, 2), 422).get("detail").toString())
                    .contains("cannot be shared: version 2 is held for review; buyers may get the live version 1");
        }
        json("POST", "/api/v1/shares", rep, pinned(id, 1), 201);

        // sent back for changes, then replaced by version 3, which is approved: version 2 was never live
        long sentBack = submit(id, 2);
        json("POST", "/api/v1/reviews/" + sentBack + "/decision", reviewer,
                Map.of("decision", "request_changes", "comment", "The claim is unsupported"), 200);
        addVersion(id, pdf("Pinned v3"), "pinned-v3.pdf");
        approve(submit(id, 3));
        assertThat(json("GET", "/api/v1/assets/" + id, rep, null, 200).get("version")).isEqualTo(3);
        assertThat(json("POST", "/api/v1/shares", rep, pinned(id, 2), 422).get("detail").toString())
                .contains("version 2 was never live");
        json("POST", "/api/v1/shares", rep, pinned(id, 1), 201);
        json("POST", "/api/v1/shares", rep, pinned(id, 3), 201);
        assertThat(json("POST", "/api/v1/shares", rep, pinned(id, 7), 400).get("detail").toString())
                .contains("has no version 7");
    }

    @Test
    void restoringAnArchivedAssetToPublishedAsksForTheReviewItsRulesRequire() {
        String tag = "archived" + word();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "Archived claims " + word());
        metadata.put("tags", List.of(tag));
        metadata.put("status", "published");
        // published before the rule existed, then archived
        String id = upload(pdf("Archived claims"), metadata);
        rule(Map.of("scope", "tag", "value", tag));
        json("POST", "/api/v1/assets/" + id + "/archive", marketer, null, 200);

        assertThat(json("POST", "/api/v1/assets/" + id + "/unarchive", marketer, null, 409).get("detail").toString())
                .contains("Version 1 of this asset must be approved before it is published");
        send("GET", "/api/v1/assets/" + id, rep, null).expectStatus().isNotFound();
        approve(submit(id, 1));
        assertThat(json("POST", "/api/v1/assets/" + id + "/unarchive", marketer, null, 200))
                .containsEntry("status", "PUBLISHED");
    }

    @Test
    void aNewVersionOfAnArchivedAssetIsHeldAndRestoringItKeepsTheApprovedOne() {
        String tag = "shelved" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String id = approvedAndPublished(tag, "Shelved claims " + word());
        json("POST", "/api/v1/assets/" + id + "/archive", marketer, null, 200);

        Map<String, Object> after = addVersion(id, pdf("Shelved v2"), "shelved-v2.pdf");
        assertThat(after.get("version")).as("version 2 is held, not current").isEqualTo(1);
        json("POST", "/api/v1/assets/" + id + "/unarchive", marketer, null, 200);
        assertThat(json("GET", "/api/v1/assets/" + id, rep, null, 200).get("version")).isEqualTo(1);
        approve(submit(id, 2));
        assertThat(json("GET", "/api/v1/assets/" + id, rep, null, 200).get("version")).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void nobodyApprovesTheirOwnWorkNeitherTheUploaderNorTheOwnerNorTheSubmitter() {
        users.user("rb-uploader", "MARKETER");
        users.user("rb-owner", "MARKETER");
        users.user("rb-submitter", "MARKETER");
        String uploader = basic("rb-uploader", TestUsers.PASSWORD);
        String owner = basic("rb-owner", TestUsers.PASSWORD);
        String submitter = basic("rb-submitter", TestUsers.PASSWORD);
        String tag = "ownwork" + word();
        rule(Map.of("scope", "tag", "value", tag, "reviewers", List.of("rb-uploader", "rb-owner", "rb-submitter")));
        String id = (String) new dev.baton.webapp.content.AssetClient(http, uploader).created(pdf("Own work"),
                word() + ".pdf", Map.of("title", "Own work " + word(), "tags", List.of(tag), "owner", "rb-owner"))
                .get("id");
        long review = ((Number) json("POST", "/api/v1/reviews", submitter, Map.of("assetId", id), 201).get("id"))
                .longValue();

        assertThat(json("POST", "/api/v1/reviews/" + review + "/decision", uploader, Map.of("decision", "approve"),
                403).get("detail").toString()).contains("You uploaded version 1: someone else must review it");
        assertThat(json("POST", "/api/v1/reviews/" + review + "/decision", owner, Map.of("decision", "approve"),
                403).get("detail").toString()).contains("You own this asset: someone else must review it");
        assertThat(json("POST", "/api/v1/reviews/" + review + "/decision", submitter, Map.of("decision", "approve"),
                403).get("detail").toString()).contains("You submitted this version");
        assertThat(queueIds(uploader)).doesNotContain(review);
        assertThat(queueIds(owner)).doesNotContain(review);
        assertThat((Boolean) json("GET", "/api/v1/reviews/assets/" + id, owner, null, 200).get("mayDecide"))
                .isFalse();
        assertThat(queueIds(reviewer)).contains(review);
        assertThat(json("POST", "/api/v1/reviews/" + review + "/decision", reviewer, Map.of("decision", "approve"),
                200)).containsEntry("state", "APPROVED");
    }

    @Test
    void droppingACoveringTagWhilePublishingStillAsksForTheApproval() {
        String tag = "dropped" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String id = upload(pdf("Dropped"), Map.of("title", "Dropped tag " + word(), "tags", List.of(tag)));

        assertThat(json("PATCH", "/api/v1/assets/" + id, marketer, Map.of("tags", List.of(), "status", "published"),
                409).get("detail").toString()).contains("must be approved before it is published");
        assertThat(json("GET", "/api/v1/assets/" + id, marketer, null, 200)).containsEntry("status", "DRAFT")
                .containsEntry("tags", List.of(tag));
        send("GET", "/api/v1/assets/" + id, rep, null).expectStatus().isNotFound();
    }

    @Test
    void aContentTypeGivenWhilePublishingAsksForItsRulesApproval() {
        rule(Map.of("scope", "content_type", "value", "case-study"));
        String id = upload(pdf("Typed"), Map.of("title", "Typed case " + word()));
        assertThat(json("PATCH", "/api/v1/assets/" + id, marketer,
                Map.of("contentType", "case-study", "status", "published"), 409).get("detail").toString())
                .contains("content type case-study");
        // as a draft of that type it cannot be published either, until it is approved
        json("PATCH", "/api/v1/assets/" + id, marketer, Map.of("contentType", "case-study"), 200);
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 409);
        approve(submit(id, 1));
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPublishedAssetTaggedIntoARuleIsReportedAsPublishedWithoutReview() {
        String tag = "retagged" + word();
        rule(Map.of("scope", "tag", "value", tag));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "Retagged " + word());
        metadata.put("status", "published");
        String id = upload(pdf("Retagged"), metadata);
        json("PATCH", "/api/v1/assets/" + id, marketer, Map.of("tags", List.of(tag)), 200);

        List<Map<String, Object>> unreviewed = (List<Map<String, Object>>) (List<?>) http.get()
                .uri("/api/v1/reviews/unreviewed").header("Authorization", marketer).exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody();
        assertThat(unreviewed).anySatisfy(u -> assertThat(u).containsEntry("assetId", id)
                .containsEntry("reason", "Version 1 was published without approval"));
        List<Map<String, Object>> audit = (List<Map<String, Object>>) (List<?>) http.get()
                .uri("/api/v1/audit?action=asset.updated&limit=1000").header("Authorization", admin).exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody();
        assertThat(audit).anySatisfy(a -> assertThat(a).containsEntry("target", id)
                .containsEntry("detail", "tags [] -> [" + tag + "]"));
    }

    @Test
    void anAssetNoRuleCoversAnyMoreKeepsNoLapseDateForItsApproval() {
        String tag = "uncovered" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String id = upload(pdf("Uncovered"), Map.of("title", "Uncovered " + word(), "tags", List.of(tag)));
        LocalDate lapses = LocalDate.now(ZoneOffset.UTC).plusDays(5);
        json("POST", "/api/v1/reviews/" + submit(id, 1) + "/decision", reviewer,
                Map.of("decision", "approve", "expiresOn", lapses.toString()), 200);
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);
        json("PATCH", "/api/v1/assets/" + id, marketer, Map.of("tags", List.of("other" + word())), 200);

        clock.pin(lapses.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60));
        assertThat(json("GET", "/api/v1/assets/" + id, rep, null, 200).get("expired")).isEqualTo(false);
        // covered again, the approval's lapse applies again
        json("PATCH", "/api/v1/assets/" + id, marketer, Map.of("tags", List.of(tag)), 200);
        send("GET", "/api/v1/assets/" + id, rep, null).expectStatus().isNotFound();
    }

    @Test
    void anApprovalUnderAMilderRuleThanTodaysDoesNotPublish() {
        String tag = "stricter" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String id = upload(pdf("Stricter"), Map.of("title", "Stricter " + word(), "tags", List.of(tag)));
        approve(submit(id, 1));
        // the admin replaces the rule with one asking for two approvals
        send("DELETE", "/api/v1/reviews/rules/" + rules.removeFirst(), admin, null).expectStatus().isNoContent();
        rule(Map.of("scope", "tag", "value", tag, "approvalsRequired", 2));

        assertThat(json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 409).get("detail").toString())
                .contains("does not meet the review rules in force now", "2 approvals");
        long again = submit(id, 1);
        json("POST", "/api/v1/reviews/" + again + "/decision", reviewer, Map.of("decision", "approve"), 200);
        json("POST", "/api/v1/reviews/" + again + "/decision", secondReviewer, Map.of("decision", "approve"), 200);
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);
    }

    @Test
    void aLinkCannotBeMadeForAnAssetWhoseApprovalLapsed() {
        String tag = "lapsedlink" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String title = "Lapsed link " + word();
        String id = upload(pdf("Lapsed link"), Map.of("title", title, "tags", List.of(tag)));
        LocalDate lapses = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        json("POST", "/api/v1/reviews/" + submit(id, 1) + "/decision", reviewer,
                Map.of("decision", "approve", "expiresOn", lapses.toString()), 200);
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);
        json("POST", "/api/v1/shares", marketer, Map.of("assetIds", List.of(id)), 201);

        clock.pin(lapses.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60));
        assertThat(json("POST", "/api/v1/shares", marketer, Map.of("assetIds", List.of(id)), 422).get("detail"))
                .isEqualTo("\"" + title + "\" cannot be shared: its approval has lapsed");
    }

    @Test
    void aRuleForEveryAssetGatesPublishing() {
        rule(Map.of("scope", "all"));
        String id = upload(pdf("Every asset"), Map.of("title", "Every asset " + word()));
        assertThat(json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 409).get("detail").toString())
                .contains("every asset");
        approve(submit(id, 1));
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);
    }

    @Test
    void aRulesValidDaysGiveTheApprovalItsLapseDay() {
        String tag = "valid" + word();
        rule(Map.of("scope", "tag", "value", tag, "validDays", 90));
        String id = upload(pdf("Valid"), Map.of("title", "Valid " + word(), "tags", List.of(tag)));
        // the reviewer's later day gives way to the rule's 90 days
        String reviewerDay = LocalDate.now(ZoneOffset.UTC).plusDays(200).toString();
        Map<String, Object> decided = json("POST", "/api/v1/reviews/" + submit(id, 1) + "/decision", reviewer,
                Map.of("decision", "approve", "expiresOn", reviewerDay), 200);
        String until = LocalDate.now(ZoneOffset.UTC).plusDays(90).toString();
        assertThat(decided).containsEntry("state", "APPROVED").containsEntry("expiresOn", until);
        assertThat(json("GET", "/api/v1/reviews/assets/" + id, marketer, null, 200).get("statement").toString())
                .endsWith(", until " + until);
    }

    @Test
    void theSubmitterIsEmailedTheDecision() {
        String address = "rb.submitter." + word() + "@example.com";
        users.user(address, "MARKETER");
        String submitter = basic(address, TestUsers.PASSWORD);
        String tag = "mailed" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String title = "Mailed " + word();
        String id = upload(pdf("Mailed"), Map.of("title", title, "tags", List.of(tag)));
        long review = ((Number) json("POST", "/api/v1/reviews", submitter, Map.of("assetId", id), 201).get("id"))
                .longValue();
        json("POST", "/api/v1/reviews/" + review + "/decision", reviewer,
                Map.of("decision", "request_changes", "comment", "Add the footnote"), 200);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !TestMail.to(address).isEmpty());
        MimeMessage mail = TestMail.to(address).getFirst();
        assertThat(TestMail.subject(mail)).isEqualTo("[Baton] Changes requested: " + title + ", version 1");
        assertThat(TestMail.texts(mail).getFirst()).contains("asks for changes: Add the footnote");
    }

    // ---- helpers

    private byte[] pdf(String title) {
        return TestFiles.pdf(title, "Review Bypass", List.of(title + " " + word()));
    }

    /** A draft with the tag, submitted, approved by the reviewer and published. */
    private String approvedAndPublished(String tag, String title) {
        String id = upload(pdf(title), Map.of("title", title, "tags", List.of(tag)));
        approve(submit(id, 1));
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);
        return id;
    }
}
