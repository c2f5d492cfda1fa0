package dev.baton.webapp.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing in for a subscriber: it records every request it receives (the Standard Webhooks
 * headers and the body) and answers with the statuses it is told, one per request, then the last one for ever.
 */
final class Receiver implements AutoCloseable {

    /** One request as received. */
    record Received(String id, String timestamp, String signature, String contentType, String body) {

        long epochSeconds() {
            return Long.parseLong(timestamp);
        }

        /** Whether the signature header holds a valid signature made with {@code secret}. */
        boolean signedWith(String secret) {
            return WebhookSigner.verify(secret, id, epochSeconds(), body, signature);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private volatile int lastAnswer = 200;

    Receiver(Integer... statuses) {
        answer(statuses);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                var headers = exchange.getRequestHeaders();
                received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"), headers.getFirst("Content-Type"), body));
                Integer next = answers.poll();
                int status = next != null ? next : lastAnswer;
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The statuses to answer the next requests with; the last one stays. */
    void answer(Integer... statuses) {
        answers.clear();
        answers.addAll(List.of(statuses));
        if (statuses.length > 0) {
            lastAnswer = statuses[statuses.length - 1];
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests whose body is of this event type. */
    List<Received> ofType(String type) {
        return received.stream().filter(r -> r.body().contains("\"type\":\"" + type + "\"")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
