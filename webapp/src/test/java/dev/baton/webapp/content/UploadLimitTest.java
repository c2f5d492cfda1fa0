package dev.baton.webapp.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import dev.baton.storage.BlobKeys;
import dev.baton.storage.BlobStat;
import dev.baton.storage.BlobStore;
import dev.baton.storage.EmbeddedS3Server;
import dev.baton.storage.S3BlobStore;
import dev.baton.webapp.ApiSlice;
import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.accounts.Role;
import dev.baton.webapp.accounts.SignedIn;
import dev.baton.webapp.usage.UsageService;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;

/**
 * {@code baton.upload.max-size}, set small here: a file over it is refused with 413 saying the limit, and nothing of it
 * stays in the object store, whichever way it comes (streamed through the API, as a request body, or as an import's
 * archive, which Spring's multipart reader spools). A WebFlux slice: the controllers and the real upload receiver on a
 * real (embedded, in-memory) S3 server; the services behind them are mocks that must not be reached.
 */
@ApiSlice(value = {AssetApiController.class, ImportApiController.class}, properties = "baton.upload.max-size=64KB")
@Import({UploadReceiver.class, Intake.class, UploadLimitTest.ObjectStore.class})
class UploadLimitTest {

    private static final int LIMIT = 64 * 1024;

    @MockitoBean
    ContentService content;

    @MockitoBean
    AssetFiles assetFiles;

    @MockitoBean
    UsageService usage;

    /** The intake records nothing here: a file over the limit never gets that far, and the service is a mock. */
    @MockitoBean
    DatabaseClient db;

    @MockitoBean
    TransactionalOperator tx;

    @MockitoBean
    ImportService imports;

    @Autowired
    BlobStore blobs;

    @Autowired
    WebTestClient client;

    private final BatonUser marketer = SignedIn.user("limit-marketer", Role.MARKETER);
    private WebTestClient http;

    @TestConfiguration(proxyBeanMethods = false)
    static class ObjectStore {

        @Bean(destroyMethod = "close")
        EmbeddedS3Server s3Server() {
            return EmbeddedS3Server.startTransient("limit-access", "limit-secret-key");
        }

        @Bean(destroyMethod = "close")
        BlobStore blobStore(EmbeddedS3Server server) {
            return S3BlobStore.create(server.settings("baton"));
        }
    }

    @BeforeEach
    void signIn() {
        http = SignedIn.as(client, marketer);
    }

    private static byte[] text(int size, char fill) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    private static MultipartBodyBuilder file(byte[] bytes, String name) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        }).contentType(MediaType.TEXT_PLAIN);
        return body;
    }

    @Test
    void aFileOverTheLimitIsRefusedWithTheLimitAndNothingIsStored() {
        byte[] big = text(LIMIT + 40_000, 'a');
        List<String> before = storedKeys();

        http.post().uri("/api/v1/assets").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(file(big, "big.txt").build()))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("File too large")
                .jsonPath("$.detail").isEqualTo("The file is larger than the limit of 64 KB");

        assertThat(storedKeys()).as("not even a part of the file").isEqualTo(before);
        then(content).shouldHaveNoInteractions();
    }

    @Test
    void aRequestBodyOverTheLimitIsRefusedTheSameWay() {
        byte[] big = text(LIMIT + 1, 'b');
        List<String> before = storedKeys();

        http.post().uri("/api/v1/assets?fileName=big.txt").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(big)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.detail").isEqualTo("The file is larger than the limit of 64 KB");

        assertThat(storedKeys()).isEqualTo(before);
        then(content).shouldHaveNoInteractions();
    }

    @Test
    void anImportArchiveOverTheLimitIsRefusedBeforeTheImportStarts() {
        byte[] big = text(LIMIT + 40_000, 'c');

        http.post().uri("/api/v1/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(file(big, "big.zip").build()))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Content too large")
                .jsonPath("$.detail").isEqualTo("The request, or a file in it, is larger than Baton accepts: a file "
                        + "may be at most 64 KB");

        then(imports).should(never()).start(any(), any(), any(), any(), any());
    }

    @Test
    void aFileWithinTheLimitIsStoredAndHandedOn() {
        byte[] small = text(LIMIT, 'd');
        given(content.upload(any(Intake.Arrival.class), isNull(), any(), any()))
                .willAnswer(call -> Mono.just(summary(call.getArgument(0))));

        http.post().uri("/api/v1/assets").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(file(small, "small.txt").build()))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.size").isEqualTo(LIMIT);

        assertThat(StoredCopies.of(blobs, small)).hasSize(1);
    }

    private List<String> storedKeys() {
        try (Stream<BlobStat> stats = blobs.list(BlobKeys.ORIGINALS_PREFIX)) {
            return stats.map(BlobStat::key).sorted().toList();
        }
    }

    private static AssetSummary summary(Intake.Arrival arrival) {
        return new AssetSummary(UUID.randomUUID(), "Small", null, "DRAFT", false, "limit-marketer", null,
                Map.of(), List.of(), null, null, null, false, 1, arrival.fileName(),
                "text/plain", arrival.size(), "PENDING", null, "PENDING", null, null, null);
    }
}
