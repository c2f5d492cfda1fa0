package dev.baton.bench;

import dev.baton.storage.EmbeddedS3Server;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The S3 server Baton embeds (S3Proxy with a filesystem store), run in a process of its own: {@code upload.sh} with
 * {@code BENCH_S3=external} points Baton at it ({@code BATON_S3_ENDPOINT}) and sends the direct puts to it too, so
 * the server's CPU is outside Baton's JVM on both sides of the comparison. Prints {@code endpoint=<url>} once it
 * accepts requests, then runs until killed.
 *
 * <p>Arguments: {@code baseDir accessKey secretKey}.
 */
public final class S3ServerMain {

    private S3ServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedS3Server server = EmbeddedS3Server.start(Path.of(args[0]), args[1], args[2], 0);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("endpoint=" + server.endpoint());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
