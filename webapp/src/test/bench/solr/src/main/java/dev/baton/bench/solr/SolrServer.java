package dev.baton.bench.solr;

import java.nio.file.Path;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * The peer of Baton's search benchmark: a real Solr HTTP server (Jetty), started by the test framework's
 * {@link JettySolrRunner} in this JVM of its own. The benchmark talks to it over HTTP only.
 *
 * <p>Arguments: {@code port solrHome}. The home holds {@code solr.xml} and the core {@code baton} (its {@code conf/}).
 * Prints {@code SOLR STARTED <port>} once it serves; stops when its standard input closes.
 */
public final class SolrServer {

    private SolrServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]);
        JettySolrRunner solr = new JettySolrRunner(home.toString(),
                JettyConfig.builder().setPort(port).setContext("/solr").stopAtShutdown(true).build());
        solr.start();
        System.out.println("SOLR STARTED " + solr.getLocalPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the benchmark to close our input
        }
        solr.stop();
    }
}
