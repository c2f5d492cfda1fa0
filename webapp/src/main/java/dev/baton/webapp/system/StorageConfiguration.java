package dev.baton.webapp.system;

import dev.baton.storage.BlobStore;
import dev.baton.storage.EmbeddedS3Server;
import dev.baton.storage.S3BlobStore;
import dev.baton.storage.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The object store: any S3-compatible endpoint when {@code baton.s3.endpoint} is set, otherwise an embedded S3 server
 * on a filesystem store under the data directory, which Baton reaches over HTTP through the same adapter.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    ObjectStoreServer objectStoreServer(BatonProperties properties, DataDirectory dataDirectory) {
        BatonProperties.S3 s3 = properties.s3();
        if (s3.external()) {
            log.info("Using the external S3 endpoint {} (bucket {})", s3.endpoint(), s3.bucket());
            return new ObjectStoreServer(URI.create(s3.endpoint()), s3.accessKey(), s3.secretKey(), null);
        }
        String[] credentials = embeddedCredentials(dataDirectory.root().resolve("s3-credentials.properties"));
        EmbeddedS3Server server =
                EmbeddedS3Server.start(dataDirectory.directory("objects"), credentials[0], credentials[1], 0);
        log.info("Started the embedded S3 server at {} ({})", server.endpoint(), dataDirectory.root());
        return new ObjectStoreServer(server.endpoint(), credentials[0], credentials[1], server);
    }

    @Bean(destroyMethod = "close")
    BlobStore blobStore(ObjectStoreServer server, BatonProperties properties) {
        BatonProperties.S3 s3 = properties.s3();
        return S3BlobStore.create(new S3Settings(
                server.endpoint(),
                s3.region(),
                server.accessKey(),
                server.secretKey(),
                s3.bucket(),
                s3.connectTimeout(),
                s3.readTimeout(),
                s3.writeTimeout(),
                s3.partSize().toBytes()));
    }

    /** Random keys for the embedded server, made on the first start and kept readable by the owner only. */
    private static String[] embeddedCredentials(Path file) {
        try {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    stored.load(in);
                }
            } else {
                HexFormat hex = HexFormat.of();
                SecureRandom random = new SecureRandom();
                byte[] access = new byte[10];
                byte[] secret = new byte[30];
                random.nextBytes(access);
                random.nextBytes(secret);
                stored.setProperty("access-key", "baton" + hex.formatHex(access));
                stored.setProperty("secret-key", hex.formatHex(secret));
                // written aside and moved into place, so a crash never leaves a half-written file behind
                Path partial = file.resolveSibling(file.getFileName() + ".partial");
                Files.deleteIfExists(partial);
                Files.createFile(partial,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (OutputStream out = Files.newOutputStream(partial)) {
                    stored.store(out, "Keys of Baton's embedded S3 server");
                }
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return new String[] {stored.getProperty("access-key"), stored.getProperty("secret-key")};
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    /** The object store in use and, when Baton started it, the embedded server to stop on shutdown. */
    record ObjectStoreServer(URI endpoint, String accessKey, String secretKey, EmbeddedS3Server embedded)
            implements AutoCloseable {

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
                log.info("Stopped the embedded S3 server");
            }
        }

        @Override
        public String toString() {
            return "ObjectStoreServer[" + endpoint + "]";
        }
    }
}
