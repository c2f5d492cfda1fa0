package dev.baton.cli;

import java.io.PrintStream;

/**
 * A progress bar for the command line: redrawn in place on a terminal, a plain line per tenth otherwise (a log file
 * or a CI job then gets eleven lines, not thousands).
 */
final class ProgressBar {

    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean terminal;
    private int drawnLength;
    private int tenthsPrinted = -1;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Shows {@code done} of {@code total} with {@code caption} after the bar. */
    synchronized void update(long done, long total, String caption) {
        String line = bar(done, total) + " " + caption;
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
            out.flush();
            drawnLength = line.length();
            return;
        }
        int tenths = total <= 0 ? -1 : (int) Math.min(10, done * 10 / total);
        if (tenths > tenthsPrinted) {
            tenthsPrinted = tenths;
            out.println(line);
        }
    }

    /** Ends the bar: what is printed next starts on a line of its own. */
    synchronized void finish() {
        if (terminal && drawnLength > 0) {
            out.println();
        }
        drawnLength = 0;
        tenthsPrinted = -1;
    }

    static String bar(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
    }
}
