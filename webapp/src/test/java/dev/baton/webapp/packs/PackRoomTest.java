package dev.baton.webapp.packs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.content.AssetClient;
import dev.baton.webapp.deals.DealDirectory;
import dev.baton.webapp.deals.DealHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * "Share with a buyer" from a pack: its buyer-facing items as one room, in the pack's order, with the link options;
 * items that cannot go to a buyer left out with the reason; the {@code SHARE} events carry the pack.
 */
class PackRoomTest extends BatonTest {

    @Autowired
    DealHistory deals;

    @Autowired
    DatabaseClient db;

    private String auth(String name) {
        return basic(name, TestUsers.PASSWORD);
    }

    private static Map<String, Object> asset(String id, boolean buyerFacing) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", "ASSET");
        item.put("assetId", id);
        item.put("buyerFacing", buyerFacing);
        return item;
    }

    private long publishedPack(PackClient api, String trainer, String title, List<?> items, long... audience) {
        List<Long> ids = new ArrayList<>();
        for (long a : audience) {
            ids.add(a);
        }
        Map<String, Object> created = api.json("POST", "/api/v1/packs", auth(trainer), Map.of("title", title,
                "audience", Map.of("accountIds", ids), "items", items), 201);
        long id = ((Number) created.get("id")).longValue();
        api.json("POST", "/api/v1/packs/" + id + "/publish", auth(trainer), null, 200);
        return id;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRepSharesThePacksBuyerFacingItemsAsARoomAndIsToldWhatWasLeftOut() {
        String tag = Long.toString(System.nanoTime(), 36);
        String trainer = "pr-trainer-" + tag;
        String marketer = "pr-marketer-" + tag;
        String rep = "pr-rep-" + tag;
        users.user(trainer, "TRAINER");
        users.user(marketer, "MARKETER");
        long repId = users.user(rep, "REP").id();
        users.user("pr-outsider-" + tag, "REP");
        users.user("pr-other-" + tag, "REP");
        PackClient api = new PackClient(http);
        String first = api.publishedAsset(auth(marketer), "Room overview " + tag);
        String internal = (String) new AssetClient(http, auth(marketer)).created(
                dev.baton.indexer.TestFiles.pdf("Room battlecard " + tag, "Pack Test", List.of("internal")),
                UUID.randomUUID() + ".pdf", Map.of("title", "Room battlecard " + tag, "status", "published",
                        "internalOnly", true)).get("id");
        String second = api.publishedAsset(auth(marketer), "Room case study " + tag);
        String archived = api.publishedAsset(auth(marketer), "Room old deck " + tag);
        String lapsed = api.publishedAsset(auth(marketer), "Room approved sheet " + tag);
        String notForBuyers = api.publishedAsset(auth(marketer), "Room talk track " + tag);
        long id = publishedPack(api, trainer, "Room pack " + tag, List.of(asset(first, true), asset(internal, true),
                Map.of("kind", "NOTE", "title", "How to pitch", "body", "Lead with value."), asset(second, true),
                asset(archived, true), asset(lapsed, true), asset(notForBuyers, false)), repId);
        // after publishing, one asset is archived and another's approval lapses
        new AssetClient(http, auth(marketer)).request("POST", "/api/v1/assets/" + archived + "/archive", null)
                .expectStatus().isOk();
        db.sql("update asset set approval_expires_on = :d where id = :id::uuid")
                .bind("d", LocalDate.now(ZoneOffset.UTC).minusDays(1)).bind("id", lapsed).then().block();
        long deal = deal(rep, "buyer.example");
        long othersDeal = deal("pr-other-" + tag, "other.example");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealId", deal);
        body.put("note", "Here is what we discussed.");
        body.put("expiresInDays", 10);
        body.put("emailGate", true);
        body.put("allowDownload", true);
        Map<String, Object> shared = api.send("POST", "/api/v1/packs/assigned/" + id + "/share", auth(rep), body)
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/shares/\\d+")
                .expectBody(AssetClient.JSON_MAP).returnResult().getResponseBody();
        assertThat((String) shared.get("url")).contains("/s/");
        assertThat(shared).containsEntry("title", "Room pack " + tag).containsEntry("note", "Here is what we discussed.")
                .containsEntry("emailGate", true).containsEntry("allowDownload", true).containsEntry("state", "LIVE")
                .containsEntry("allowedDomains", List.of("buyer.example"));
        assertThat(((Number) shared.get("dealId")).longValue()).isEqualTo(deal);
        assertThat(Instant.parse((String) shared.get("expiresAt"))).isAfter(Instant.now().plusSeconds(9 * 86400))
                .isBefore(Instant.now().plusSeconds(11 * 86400));
        // the shareable buyer-facing items, in the pack's order
        assertThat(((List<Map<String, Object>>) shared.get("items")).stream().map(i -> i.get("assetId")))
                .containsExactly(first, second);
        List<Map<String, Object>> skipped = (List<Map<String, Object>>) shared.get("skipped");
        assertThat(skipped).extracting(s -> s.get("assetId")).containsExactly(internal, archived, lapsed);
        assertThat(skipped).extracting(s -> s.get("reason")).containsExactly("it is internal-only", "it is archived",
                "its approval has lapsed");
        // the link is the rep's, as /api/v1/shares shows it
        long shareId = ((Number) shared.get("id")).longValue();
        api.json("GET", "/api/v1/shares/" + shareId, auth(rep), null, 200);
        // its SHARE events carry the pack and the deal
        List<Map<String, Object>> events = db.sql("select asset_id::text as asset, pack_id, deal_id from usage_event "
                        + "where share_id = :share and action = 'SHARE' order by asset_id")
                .bind("share", shareId).fetch().all().collectList().block();
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(((Number) e.get("pack_id")).longValue()).isEqualTo(id);
            assertThat(((Number) e.get("deal_id")).longValue()).isEqualTo(deal);
        });

        // someone else's deal is not the rep's to share for; someone outside the audience has no such pack
        api.json("POST", "/api/v1/packs/assigned/" + id + "/share", auth(rep), Map.of("dealId", othersDeal), 404);
        api.json("POST", "/api/v1/packs/assigned/" + id + "/share", auth("pr-outsider-" + tag), Map.of(), 404);
        // bad options are the rep's to fix
        Map<String, Object> bad = api.json("POST", "/api/v1/packs/assigned/" + id + "/share", auth(rep),
                Map.of("expiresInDays", 0), 400);
        assertThat(PackClient.fields(bad)).contains("expiresInDays");
    }

    @Test
    void aPackWhoseBuyerFacingItemsCannotBeSharedSaysWhyAndMakesNoLink() {
        String tag = Long.toString(System.nanoTime(), 36);
        String trainer = "pr2-trainer-" + tag;
        String marketer = "pr2-marketer-" + tag;
        String rep = "pr2-rep-" + tag;
        users.user(trainer, "TRAINER");
        users.user(marketer, "MARKETER");
        long repId = users.user(rep, "REP").id();
        PackClient api = new PackClient(http);
        String internal = (String) new AssetClient(http, auth(marketer)).created(
                dev.baton.indexer.TestFiles.pdf("Only battlecard " + tag, "Pack Test", List.of("internal")),
                UUID.randomUUID() + ".pdf", Map.of("title", "Only battlecard " + tag, "status", "published",
                        "internalOnly", true)).get("id");
        String plain = api.publishedAsset(auth(marketer), "Internal reading " + tag);
        long none = publishedPack(api, trainer, "Nothing for buyers " + tag, List.of(asset(plain, false)), repId);
        long blocked = publishedPack(api, trainer, "Blocked " + tag, List.of(asset(internal, true)), repId);

        Map<String, Object> noItems = api.json("POST", "/api/v1/packs/assigned/" + none + "/share", auth(rep), null,
                422);
        assertThat((String) noItems.get("detail")).contains("no buyer-facing items");
        Map<String, Object> refused = api.json("POST", "/api/v1/packs/assigned/" + blocked + "/share", auth(rep),
                Map.of(), 422);
        assertThat((String) refused.get("detail")).contains("Only battlecard " + tag).contains("internal-only");
        List<?> links = api.list("/api/v1/shares", auth(rep));
        assertThat(links).isEmpty();

        // only a library asset can be buyer-facing
        Map<String, Object> problem = api.json("POST", "/api/v1/packs", auth(trainer), Map.of("title", "Bad " + tag,
                "items", List.of(Map.of("kind", "NOTE", "body", "Hi", "buyerFacing", true))), 400);
        assertThat(PackClient.fields(problem)).contains("items[0].buyerFacing");
    }

    private long deal(String owner, String domain) {
        String id = UUID.randomUUID().toString();
        return deals.importPast(new DealHistory.PastDeal("baton", "room-" + id, "Deal " + id.substring(0, 8),
                "Account " + id.substring(0, 8), domain, owner, null, List.of(), null, null, null,
                List.of(new DealHistory.StageAt("funnel_stage", "sql", Instant.now().minusSeconds(86400))),
                DealDirectory.Outcome.OPEN, null)).block().id();
    }
}
