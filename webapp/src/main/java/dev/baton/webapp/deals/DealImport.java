package dev.baton.webapp.deals;

import dev.baton.webapp.system.BatonException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A CSV of deals applied row by row through {@link DealService}, each row in its own transaction: a good row is
 * applied whole, a bad one not at all and reported with its line number and reason; a bad row never stops the rest.
 */
@Component
class DealImport {

    private final DealService deals;

    DealImport(DealService deals) {
        this.deals = deals;
    }

    /**
     * The uploaded CSV as text: UTF-8 (a byte-order mark is dropped later), at most {@link DealCsv#MAX_CHARS} bytes
     * (more ends in a 413).
     */
    static Mono<String> text(Flux<DataBuffer> body) {
        return DataBufferUtils.join(body, DealCsv.MAX_CHARS)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(bytes))
                                .toString();
                    } catch (CharacterCodingException e) {
                        throw new BatonException.InvalidInput("file", "is not UTF-8 text; save it as UTF-8 (\"CSV "
                                + "UTF-8\" in a spreadsheet)");
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty("");
    }

    /** How an import went. */
    record Report(int rows, int created, int updated, int unchanged, List<DealCsv.Problem> problems) {}

    /**
     * Imports the CSV text. {@code crm} names the CRM of rows without a {@code crm} column (may be null when the file
     * has one).
     */
    Mono<Report> importCsv(String text, String crm, DealService.Actor actor) {
        String defaultCrm = DealRules.blankToNull(crm) == null ? null : crm.strip().toLowerCase(Locale.ROOT);
        DealCsv.Parsed parsed;
        try {
            parsed = DealCsv.parse(text);
        } catch (BatonException e) {
            return Mono.error(e);
        }
        List<DealCsv.Problem> problems = new ArrayList<>(parsed.problems());
        int[] counts = new int[3];
        return Flux.fromIterable(parsed.rows())
                .concatMap(row -> {
                    boolean noCrm = DealRules.blankToNull(row.input().crm()) == null;
                    if (noCrm && defaultCrm == null) {
                        problems.add(new DealCsv.Problem(row.line(), row.input().externalId(), "crm: give a crm "
                                + "column or the CRM of the whole file"));
                        return Mono.empty();
                    }
                    DealInput input = noCrm ? row.input().withIdentity(defaultCrm, row.input().externalId())
                            : row.input();
                    return deals.upsert(input, actor)
                            .doOnNext(done -> counts[done.created() ? 0 : done.changed() ? 1 : 2]++)
                            .then()
                            .onErrorResume(BatonException.class, e -> {
                                problems.add(new DealCsv.Problem(row.line(), input.externalId(), e.getMessage()));
                                return Mono.empty();
                            });
                })
                .then(Mono.fromSupplier(() -> new Report(parsed.rows().size(), counts[0], counts[1], counts[2],
                        problems.stream()
                                .sorted(java.util.Comparator.comparingInt(DealCsv.Problem::line))
                                .toList())));
    }
}
