package dev.baton.webapp.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.indexer.TestFiles;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Review before publish through the API, as marketers, reviewers and reps see it: rules by tag (each test its own
 * tag, so no other test's uploads are covered), a draft approved then published, a new version held while reps,
 * search and the file keep the approved one, changes requested and resubmitted, several approvals, the record and
 * "approved by", lapsed approvals and the owner told 30 days before, and the report of unreviewed assets.
 */
class ReviewApiTest extends ReviewTest {

    @Test
    @SuppressWarnings("unchecked")
    void aNewVersionUnderReviewLeavesRepsTheApprovedOneUntilItIsApproved() {
        String tag = "claims" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String first = word();
        String second = word();
        byte[] v1 = TestFiles.pdf("Pricing " + first, "Review Test", List.of("Our price promise " + first));
        byte[] v2 = TestFiles.pdf("Pricing " + second, "Review Test", List.of("Our new claims " + second));
        String id = upload(v1, Map.of("title", "Pricing sheet " + first, "tags", List.of(tag)));

        // a draft its rules cover cannot be published before it is approved
        assertThat(json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 409).get("detail").toString())
                .contains("must be approved before it is published");
        Map<String, Object> submitted = json("POST", "/api/v1/reviews", marketer,
                Map.of("assetId", id, "note", "New price table"), 201);
        assertThat(submitted).containsEntry("state", "OPEN").containsEntry("version", 1)
                .containsEntry("note", "New price table");
        long firstReview = ((Number) submitted.get("id")).longValue();
        assertThat(queueIds(reviewer)).contains(firstReview);
        assertThat(titles(reviewer, "review.requested")).contains("Review requested: Pricing sheet " + first
                + ", version 1");
        // the submitter is no reviewer of their own work, and a rep no reviewer at all
        send("POST", "/api/v1/reviews/" + firstReview + "/decision", marketer, Map.of("decision", "approve"))
                .expectStatus().isForbidden();
        send("POST", "/api/v1/reviews/" + firstReview + "/decision", rep, Map.of("decision", "approve"))
                .expectStatus().isForbidden();
        Map<String, Object> approved = json("POST", "/api/v1/reviews/" + firstReview + "/decision", reviewer,
                Map.of("decision", "approve", "comment", "Prices match the list"), 200);
        assertThat(approved).containsEntry("state", "APPROVED");
        assertThat(queueIds(reviewer)).doesNotContain(firstReview);
        assertThat(titles(marketer, "review.decided")).contains("Approved: Pricing sheet " + first + ", version 1");
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);

        Map<String, Object> record = json("GET", "/api/v1/reviews/assets/" + id, rep, null, 200);
        String today = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).toString();
        assertThat(record.get("statement")).isEqualTo("Version 1 approved by rv-reviewer Example on " + today);
        assertThat((List<Object>) record.get("history")).as("reps see the approval, not the record").isEmpty();
        assertThat(json("GET", "/api/v1/assets/" + id, rep, null, 200).get("approval"))
                .isEqualTo("Version 1 approved by rv-reviewer Example on " + today);
        awaitFound(rep, first, id);

        // a new version of the published asset is held: reps, the file and search keep version 1
        new AssetClient(http, marketer).derived(id);
        Map<String, Object> afterUpload = addVersion(id, v2, "pricing-v2.pdf");
        assertThat(afterUpload.get("version")).isEqualTo(1);
        List<Map<String, Object>> versions = (List<Map<String, Object>>) (List<?>) http.get()
                .uri("/api/v1/assets/" + id + "/versions").header("Authorization", marketer).exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody();
        assertThat(versions.getFirst()).containsEntry("version", 2).containsEntry("current", false);
        awaitExtracted(id, 2);
        // a change made after version 2's text exists is indexed; the index still has version 1's text only
        String later = word();
        json("PATCH", "/api/v1/assets/" + id, marketer, Map.of("description", "Updated " + later), 200);
        awaitFound(rep, later, id);
        assertThat(search(rep, second)).doesNotContain(id);
        assertThat(search(marketer, second + "&scope=all")).doesNotContain(id);
        assertThat(json("GET", "/api/v1/assets/" + id, rep, null, 200).get("version")).isEqualTo(1);
        assertThat(file(rep, "/api/v1/assets/" + id + "/file")).isEqualTo(v1);
        send("GET", "/api/v1/assets/" + id + "/versions/2/file", rep, null).expectStatus().isForbidden();
        assertThat(file(reviewer, "/api/v1/assets/" + id + "/versions/2/file")).as("the reviewer opens it")
                .isEqualTo(v2);
        assertThat((List<Object>) json("GET", "/api/v1/reviews/assets/" + id, marketer, null, 200)
                .get("heldVersions")).containsExactly(2);

        // changes asked for, with a reason; then resubmitted and approved with a lapse date
        long secondReview = ((Number) json("POST", "/api/v1/reviews", marketer,
                Map.of("assetId", id, "note", "New claims"), 201).get("id")).longValue();
        assertThat(json("POST", "/api/v1/reviews/" + secondReview + "/decision", reviewer,
                Map.of("decision", "request_changes"), 400).get("detail").toString()).contains("say what must change");
        assertThat(json("POST", "/api/v1/reviews/" + secondReview + "/decision", reviewer,
                Map.of("decision", "request_changes", "comment", "Cite the source of the claim"), 200))
                .containsEntry("state", "CHANGES_REQUESTED");
        assertThat(titles(marketer, "review.decided")).contains("Changes requested: Pricing sheet " + first
                + ", version 2");
        assertThat(json("GET", "/api/v1/assets/" + id, rep, null, 200).get("version")).isEqualTo(1);
        long thirdReview = ((Number) json("POST", "/api/v1/reviews", marketer,
                Map.of("assetId", id, "version", 2, "note", "Source cited"), 201).get("id")).longValue();
        String until = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
        json("POST", "/api/v1/reviews/" + thirdReview + "/decision", reviewer,
                Map.of("decision", "approve", "comment", "Fine now", "expiresOn", until), 200);

        assertThat(json("GET", "/api/v1/assets/" + id, rep, null, 200).get("version")).isEqualTo(2);
        assertThat(file(rep, "/api/v1/assets/" + id + "/file")).isEqualTo(v2);
        awaitFound(rep, second, id);
        Map<String, Object> after = json("GET", "/api/v1/reviews/assets/" + id, marketer, null, 200);
        assertThat(after.get("statement")).isEqualTo("Version 2 approved by rv-reviewer Example on " + today
                + ", until " + until);
        assertThat((Map<String, Object>) after.get("wentLive")).as("version 1, then version 2 once approved")
                .containsOnlyKeys("1", "2");
        List<Map<String, Object>> history = (List<Map<String, Object>>) after.get("history");
        assertThat(history).extracting(h -> h.get("state")).containsExactly("APPROVED", "CHANGES_REQUESTED",
                "APPROVED");
        assertThat((List<Map<String, Object>>) history.get(1).get("decisions")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("comment", "Cite the source of the claim")
                        .containsEntry("reviewer", "rv-reviewer"));
        List<Map<String, Object>> audit = (List<Map<String, Object>>) (List<?>) http.get()
                .uri("/api/v1/audit?action=review.approved&limit=1000").header("Authorization", admin).exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody();
        assertThat(audit).anySatisfy(a -> assertThat(a).containsEntry("actor", "rv-reviewer")
                .containsEntry("target", id)
                .containsEntry("detail", "review " + thirdReview + ", version 2, until " + until + ": Fine now"));
    }

    @Test
    void aRuleMayAskForSeveralApprovalsAndNamedReviewers() {
        users.user("rv-brand", "MARKETER");
        String tag = "brand" + word();
        rule(Map.of("scope", "tag", "value", tag, "approvalsRequired", 2));
        rule(Map.of("scope", "tag", "value", tag, "reviewerRole", false, "reviewers", List.of("rv-brand")));
        assertThat(json("POST", "/api/v1/reviews/rules", admin, Map.of("scope", "tag", "value", tag,
                "reviewerRole", false, "reviewers", List.of("rv-rep")), 400).get("detail").toString())
                .contains("rv-rep is neither a reviewer nor a marketer");
        String id = upload(TestFiles.pdf("Battlecard", "Review Test", List.of("Battlecard " + word())),
                Map.of("title", "Battlecard " + word(), "tags", List.of(tag)));
        long review = ((Number) json("POST", "/api/v1/reviews", marketer, Map.of("assetId", id), 201).get("id"))
                .longValue();

        json("POST", "/api/v1/reviews/" + review + "/decision", reviewer, Map.of("decision", "approve"), 200);
        Map<String, Object> partly = json("POST", "/api/v1/reviews/" + review + "/decision", secondReviewer,
                Map.of("decision", "approve"), 200);
        assertThat(partly).containsEntry("state", "OPEN");
        assertThat(partly.get("progress").toString()).contains("2 of 2 approvals", "0 of 1 approvals");
        assertThat(json("POST", "/api/v1/reviews/" + review + "/decision", reviewer, Map.of("decision", "approve"),
                409).get("detail").toString()).contains("already decided");
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 409);
        assertThat(json("POST", "/api/v1/reviews/" + review + "/decision", basic("rv-brand", TestUsers.PASSWORD),
                Map.of("decision", "approve"), 200)).containsEntry("state", "APPROVED");
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLapsedApprovalTakesTheAssetFromRepsAndItsOwnerIsToldThirtyDaysBefore() {
        String tag = "yearly" + word();
        rule(Map.of("scope", "tag", "value", tag));
        String title = "Case study " + word();
        String id = upload(TestFiles.pdf(title, "Review Test", List.of("Customer story " + word())),
                Map.of("title", title, "tags", List.of(tag)));
        long review = ((Number) json("POST", "/api/v1/reviews", marketer, Map.of("assetId", id), 201).get("id"))
                .longValue();
        Instant now = Instant.now();
        LocalDate lapses = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(40);
        json("POST", "/api/v1/reviews/" + review + "/decision", reviewer,
                Map.of("decision", "approve", "expiresOn", lapses.toString()), 200);
        json("POST", "/api/v1/assets/" + id + "/publish", marketer, null, 200);
        String told = "The approval of " + title + " lapses on " + lapses;

        reviews.notifyExpiring().block();
        assertThat(titles(marketer, "review.expiring")).doesNotContain(told);
        clock.pin(now.plus(Duration.ofDays(11)));
        reviews.notifyExpiring().block();
        reviews.notifyExpiring().block();
        assertThat(titles(marketer, "review.expiring")).containsOnlyOnce(told);
        assertThat(json("GET", "/api/v1/assets/" + id, rep, null, 200).get("expired")).isEqualTo(false);

        clock.pin(lapses.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60));
        send("GET", "/api/v1/assets/" + id, rep, null).expectStatus().isNotFound();
        send("GET", "/api/v1/assets/" + id + "/file", rep, null).expectStatus().isNotFound();
        assertThat(json("GET", "/api/v1/assets/" + id, marketer, null, 200).get("expired")).isEqualTo(true);
        List<Map<String, Object>> unreviewed = (List<Map<String, Object>>) (List<?>) http.get()
                .uri("/api/v1/reviews/unreviewed").header("Authorization", reviewer).exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody();
        assertThat(unreviewed).anySatisfy(u -> assertThat(u).containsEntry("assetId", id)
                .containsEntry("reason", "The approval lapsed on " + lapses));
        Map<String, Object> record = json("GET", "/api/v1/reviews/assets/" + id, marketer, null, 200);
        assertThat(record.get("statement").toString()).endsWith("the approval lapsed on " + lapses);

        // re-reviewed, the asset is back
        long again = ((Number) json("POST", "/api/v1/reviews", marketer, Map.of("assetId", id), 201).get("id"))
                .longValue();
        json("POST", "/api/v1/reviews/" + again + "/decision", reviewer, Map.of("decision", "approve"), 200);
        assertThat(json("GET", "/api/v1/assets/" + id, rep, null, 200).get("expired")).isEqualTo(false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void assetsPublishedBeforeTheirRuleAreReportedAndRulesAreAdmins() {
        String tag = "legacy" + word();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "Legacy deck " + word());
        metadata.put("tags", List.of(tag));
        metadata.put("status", "published");
        String id = (String) new AssetClient(http, marketer).created(TestFiles.pdf("Legacy", "Review Test",
                List.of("Old deck " + word())), UUID.randomUUID() + ".pdf", metadata).get("id");
        rule(Map.of("scope", "tag", "value", tag));

        List<Map<String, Object>> unreviewed = (List<Map<String, Object>>) (List<?>) http.get()
                .uri("/api/v1/reviews/unreviewed").header("Authorization", marketer).exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody();
        assertThat(unreviewed).anySatisfy(u -> assertThat(u).containsEntry("assetId", id)
                .containsEntry("reason", "Version 1 was published without approval").containsEntry("owner",
                        "rv-marketer"));
        // now a published asset like it cannot be uploaded straight to published
        metadata.put("title", "Another legacy deck " + word());
        assertThat(new AssetClient(http, marketer).upload(TestFiles.pdf("Legacy 2", "Review Test",
                        List.of("Old deck " + word())), UUID.randomUUID() + ".pdf", metadata)
                .expectStatus().isEqualTo(409).expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody()
                .get("detail").toString()).contains("submit it for review");

        send("POST", "/api/v1/reviews/rules", marketer, Map.of("scope", "all")).expectStatus().isForbidden();
        send("GET", "/api/v1/reviews/rules", reviewer, null).expectStatus().isForbidden();
        assertThat(json("POST", "/api/v1/reviews/rules", admin, Map.of("scope", "everything"), 400).get("detail")
                .toString()).contains("use all, content_type or tag");
        assertThat(json("POST", "/api/v1/reviews/rules", admin, Map.of("scope", "content_type", "value", "no-such"),
                400).get("detail").toString()).contains("no content type no-such");
        assertThat(json("POST", "/api/v1/reviews/rules", admin, Map.of("scope", "tag", "value", tag,
                "approvalsRequired", 0), 400).get("detail").toString()).contains("use 1 to 10");
        assertThat(json("POST", "/api/v1/reviews", rep, Map.of("assetId", id), 403)).isNotNull();
        assertThat(json("POST", "/api/v1/reviews", marketer, Map.of("assetId", id, "version", 9), 404).get("detail")
                .toString()).contains("has no version 9");
    }
}
