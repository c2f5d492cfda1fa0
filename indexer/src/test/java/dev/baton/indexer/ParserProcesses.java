package dev.baton.indexer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The forked parser JVMs this test JVM started, found by their main class. */
final class ParserProcesses {

    private static final String MAIN_CLASS = "org.apache.tika.pipes.PipesServer";

    private ParserProcesses() {}

    static List<ProcessHandle> running() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> commandLine(process).contains(MAIN_CLASS))
                .toList();
    }

    /** The whole command line: {@code ProcessHandle.Info} cuts it at 4 KiB, before the main class of a long class path. */
    private static String commandLine(ProcessHandle process) {
        Path procCmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(procCmdline)) {
                return new String(Files.readAllBytes(procCmdline), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            // gone meanwhile, or not Linux: fall back to what the JDK reports
        }
        return process.info().commandLine().orElse("");
    }

    static Duration cpuTime(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Kills the process with SIGKILL and waits until it is gone. */
    static void kill(ProcessHandle process) throws Exception {
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }
}
