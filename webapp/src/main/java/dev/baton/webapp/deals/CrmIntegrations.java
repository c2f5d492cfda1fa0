package dev.baton.webapp.deals;

import dev.baton.webapp.system.AuditLog;
import dev.baton.webapp.system.BatonException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inbound CRM webhooks. An admin creates an integration (a CRM name and a field-mapping preset); its secret is shown
 * once. A delivery is accepted when its {@code HMAC-SHA256} signature over {@code <timestamp>.<body>} with that
 * secret matches and its timestamp is within five minutes of now; a delivery id seen before is acknowledged and
 * ignored. The payload is mapped by the preset ({@link CrmPresets}) and stored through {@link DealService}, in one
 * transaction with the delivery id.
 */
@Service
class CrmIntegrations {

    static final Duration WINDOW = Duration.ofMinutes(5);
    static final Duration KEEP_DELIVERIES = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<Map<String, String>> STAGE_MAP = new TypeReference<>() {};

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final DealService deals;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json;

    CrmIntegrations(DatabaseClient db, TransactionalOperator tx, DealService deals, AuditLog audit, Clock clock,
            JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.deals = deals;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    /** An integration as admins see it (never its secret). */
    record Integration(long id, String crm, String preset, Map<String, String> stageMap, Instant createdAt,
            Instant lastDeliveryAt) {

        /** The stage map as the admin page shows it: one {@code CRM stage = Baton stage} per line. */
        public String stageMapText() {
            StringBuilder text = new StringBuilder();
            stageMap.forEach((crmStage, stage) -> text.append(crmStage).append(" = ").append(stage).append('\n'));
            return text.toString();
        }
    }

    /** What receiving a delivery needs of its integration. */
    private record Receiver(long id, String preset, String secret, Map<String, String> stageMap) {}

    /** A new integration with its secret, which is shown this once. */
    record Created(Integration integration, String secret) {}

    /** What a delivery did. */
    record Delivery(boolean duplicate, Long dealId, boolean created, boolean changed) {}

    /** A delivery the signature or its timestamp does not vouch for (401). */
    static final class Unauthorized extends BatonException {
        Unauthorized(String detail) {
            super(HttpStatus.UNAUTHORIZED, "Invalid signature", detail);
        }
    }

    Mono<Created> create(String crm, String preset, String actor, String remoteAddr) {
        String name = crm == null ? "" : crm.strip().toLowerCase(Locale.ROOT);
        String kind = preset == null ? "" : preset.strip().toLowerCase(Locale.ROOT);
        Map<String, String> errors = new LinkedHashMap<>();
        if (!DealRules.CRM.matcher(name).matches()) {
            errors.put("crm", "use lower-case letters, digits, '-' or '_' (at most 40), e.g. salesforce");
        } else if (name.equals(DealService.BATON_CRM)) {
            errors.put("crm", "'baton' names deals made in Baton; choose the CRM's name");
        }
        if (!CrmPresets.NAMES.contains(kind)) {
            errors.put("preset", "use salesforce, hubspot or baton");
        }
        if (!errors.isEmpty()) {
            return Mono.error(new BatonException.InvalidInput(errors));
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "bcrm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return db.sql("insert into crm_integration (crm, preset, secret, stage_map, created_by) "
                        + "values (:crm, :preset, :secret, cast(:map as jsonb), :by) returning id")
                .bind("crm", name).bind("preset", kind).bind("secret", secret)
                .bind("map", write(CrmPresets.defaultStageMap(kind)))
                .bind("by", actor)
                .map(row -> row.get("id", Long.class)).one()
                .onErrorMap(DataIntegrityViolationException.class, e -> new BatonException.Conflict(
                        "There is already an integration for '" + name + "'"))
                .flatMap(id -> audit.record(actor, "crm.integration-created", "crm/" + name, kind,
                        remoteAddr))
                .then(Mono.defer(() -> find(name)))
                .map(integration -> new Created(integration, secret))
                .as(tx::transactional);
    }

    Mono<List<Integration>> list() {
        return db.sql("select id, crm, preset, stage_map::text as stage_map, created_at, last_delivery_at "
                        + "from crm_integration order by crm")
                .map(this::integration).all().collectList();
    }

    Mono<Integration> find(String crm) {
        return db.sql("select id, crm, preset, stage_map::text as stage_map, created_at, last_delivery_at "
                        + "from crm_integration where crm = :crm")
                .bind("crm", crm)
                .map(this::integration).one()
                .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No CRM integration '" + crm + "'")));
    }

    /**
     * Replaces an integration's stage map: CRM stage name to a buyer or funnel stage (key or label). Every value
     * that is not a stage is reported at once, by its CRM stage.
     */
    Mono<Integration> changeStageMap(String crm, Map<String, String> stageMap, String actor, String remoteAddr) {
        return deals.rules().flatMap(rules -> {
            Map<String, String> errors = new LinkedHashMap<>();
            Map<String, String> clean = new LinkedHashMap<>();
            stageMap.forEach((crmStage, value) -> {
                String key = crmStage == null ? "" : crmStage.strip().toLowerCase(Locale.ROOT);
                String[] stage = value == null ? null : rules.resolveStage(null, value);
                if (key.isEmpty() || key.length() > 200) {
                    errors.put("stageMap", "a CRM stage name must have 1 to 200 characters");
                } else if (stage == null) {
                    errors.put("stageMap." + key, "'" + DealRules.printable(String.valueOf(value))
                            + "' is not a buyer or funnel stage");
                } else {
                    clean.put(key, stage[1]);
                }
            });
            if (!errors.isEmpty()) {
                return Mono.error(new BatonException.InvalidInput(errors));
            }
            return db.sql("update crm_integration set stage_map = cast(:map as jsonb), updated_at = now() "
                            + "where crm = :crm returning id")
                    .bind("map", write(clean)).bind("crm", crm)
                    .map(row -> row.get("id", Long.class)).one()
                    .switchIfEmpty(Mono.error(() -> new BatonException.NotFound("No CRM integration '" + crm + "'")))
                    .flatMap(id -> audit.record(actor, "crm.stage-map-changed", "crm/" + crm,
                            clean.size() + " stages", remoteAddr))
                    .then(Mono.defer(() -> find(crm)))
                    .as(tx::transactional);
        });
    }

    /** Removes an integration: its deliveries are refused from now on (its deals stay). */
    Mono<Void> delete(String crm, String actor, String remoteAddr) {
        return db.sql("delete from crm_integration where crm = :crm").bind("crm", crm).fetch().rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.error(new BatonException.NotFound("No CRM integration '" + crm + "'"))
                        : audit.record(actor, "crm.integration-deleted", "crm/" + crm, null,
                                remoteAddr))
                .as(tx::transactional);
    }

    /**
     * Receives one delivery. Refused with 401 when the integration is unknown, a header is missing, the signature
     * does not match or the timestamp is more than five minutes away from now; a delivery id seen before is
     * acknowledged and ignored; a payload that does not make a valid deal is a 400 naming the fields (nothing is
     * stored, so the CRM may send it again once the mapping is fixed).
     */
    Mono<Delivery> receive(String crm, String deliveryId, String timestamp, String signature, String body,
            String remoteAddr) {
        if (deliveryId == null || deliveryId.isBlank() || timestamp == null || signature == null) {
            return Mono.error(new Unauthorized("Send the headers X-Baton-Delivery, X-Baton-Timestamp and "
                    + "X-Baton-Signature (docs/crm.md)"));
        }
        return db.sql("select id, preset, secret, stage_map::text as stage_map from crm_integration "
                        + "where crm = :crm and enabled")
                .bind("crm", crm == null ? "" : crm)
                .map(row -> new Receiver(row.get("id", Long.class), row.get("preset", String.class),
                        row.get("secret", String.class), read(row.get("stage_map", String.class))))
                .one()
                .switchIfEmpty(Mono.error(() -> new Unauthorized("No CRM integration '" + crm
                        + "' accepts deliveries")))
                .flatMap(receiver -> {
                    long integration = receiver.id();
                    String preset = receiver.preset();
                    String secret = receiver.secret();
                    Map<String, String> stageMap = receiver.stageMap();
                    if (!signatureMatches(secret, timestamp, body, signature)) {
                        return Mono.error(new Unauthorized("The signature does not match: sign "
                                + "'<timestamp>.<body>' with the integration's secret (HMAC-SHA256, hex)"));
                    }
                    if (!withinWindow(timestamp)) {
                        return Mono.error(new Unauthorized("The timestamp is more than 5 minutes from now, or not "
                                + "seconds since 1970: a delivery is accepted within 5 minutes of being signed"));
                    }
                    if (deliveryId.length() > 200) {
                        return Mono.error(new BatonException.InvalidInput("X-Baton-Delivery",
                                "use at most 200 characters"));
                    }
                    return apply(integration, crm, preset, stageMap, deliveryId.strip(), body, remoteAddr);
                });
    }

    private Mono<Delivery> apply(long integration, String crm, String preset, Map<String, String> stageMap,
            String deliveryId, String body, String remoteAddr) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        JsonNode payload;
        try {
            payload = json.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            return Mono.error(new BatonException.InvalidInput("body", "is not valid JSON"));
        }
        DealService.Actor actor = DealService.Actor.crm(crm, remoteAddr);
        Mono<Delivery> work = db.sql("insert into crm_delivery (integration_id, delivery_id, received_at) "
                        + "values (:integration, :delivery, :now) on conflict do nothing returning delivery_id")
                .bind("integration", integration).bind("delivery", deliveryId).bind("now", now)
                .map(row -> row.get("delivery_id", String.class)).one()
                .flatMap(fresh -> deals.rules().flatMap(rules -> {
                    Map<String, String> errors = new LinkedHashMap<>();
                    DealInput input = CrmPresets.map(preset, crm, payload, stageMap, rules, errors);
                    if (!errors.isEmpty()) {
                        return Mono.error(new BatonException.InvalidInput(errors));
                    }
                    return deals.check(input, actor).flatMap(ready -> deals.store(ready, actor));
                }))
                .flatMap(done -> db.sql("update crm_integration set last_delivery_at = :now where id = :id")
                        .bind("now", now).bind("id", integration).then()
                        .thenReturn(new Delivery(false, done.deal().id(), done.created(), done.changed())))
                .defaultIfEmpty(new Delivery(true, null, false, false))
                .as(tx::transactional);
        // deliveries older than a day are refused by their timestamp anyway: their ids need not be kept
        return work.flatMap(delivery -> db.sql("delete from crm_delivery where integration_id = :integration "
                        + "and received_at < :before")
                .bind("integration", integration).bind("before", now.minus(KEEP_DELIVERIES))
                .then()
                .thenReturn(delivery));
    }

    /** Whether {@code signature} ({@code sha256=<hex>} or the hex alone) signs {@code <timestamp>.<body>}. */
    static boolean signatureMatches(String secret, String timestamp, String body, String signature) {
        String given = signature.strip();
        if (given.regionMatches(true, 0, "sha256=", 0, 7)) {
            given = given.substring(7);
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The hex HMAC-SHA256 of {@code <timestamp>.<body>} with the secret. */
    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + (body == null ? "" : body))
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private boolean withinWindow(String timestamp) {
        if (!timestamp.strip().matches("\\d{1,12}")) {
            return false;
        }
        Instant signed = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        return Duration.between(signed, clock.instant()).abs().compareTo(WINDOW) <= 0;
    }

    private Integration integration(io.r2dbc.spi.Readable row) {
        OffsetDateTime last = row.get("last_delivery_at", OffsetDateTime.class);
        return new Integration(row.get("id", Long.class), row.get("crm", String.class),
                row.get("preset", String.class), read(row.get("stage_map", String.class)),
                row.get("created_at", OffsetDateTime.class).toInstant(), last == null ? null : last.toInstant());
    }

    private Map<String, String> read(String map) {
        return map == null ? Map.of() : json.readValue(map, STAGE_MAP);
    }

    private String write(Map<String, String> map) {
        return json.writeValueAsString(map);
    }
}
