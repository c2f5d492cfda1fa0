package dev.baton.webapp;

import dev.baton.cli.ImportCommand;
import dev.baton.cli.IndexCheckCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts Baton: with no configuration, everything embedded under the data directory. {@code import PATH ...} runs
 * the bulk-import command and {@code index-check} the search index check against a running Baton instead
 * ({@code dev.baton.cli}), without starting Spring.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatonApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("index-check")) {
            System.exit(IndexCheckCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(BatonApplication.class, args);
    }
}
