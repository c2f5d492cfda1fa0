package dev.baton.indexer.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats highlighted passages as HTML: the text is escaped ({@code & < > " '}), matched words are wrapped in
 * {@code <mark>}, runs of white space become one space, passages are joined with an ellipsis. Nothing else is ever
 * added, so the result is safe to insert into a page as is. A passage longer than {@link #MAX_PASSAGE_CHARS} is cut to
 * a window around its first match. Returns {@code null} when nothing matched.
 */
final class SnippetFormatter extends PassageFormatter {

    static final int MAX_PASSAGE_CHARS = 240;
    static final String ELLIPSIS = "\u2026";

    private final boolean wholeText;

    /**
     * @param wholeText format the whole value (a title), never cut
     */
    SnippetFormatter(boolean wholeText) {
        this.wholeText = wholeText;
    }

    @Override
    public Object format(Passage[] passages, String content) {
        StringBuilder html = new StringBuilder();
        for (Passage passage : passages) {
            if (passage.getNumMatches() == 0) {
                continue;
            }
            if (!html.isEmpty()) {
                html.append(' ').append(ELLIPSIS).append(' ');
            }
            appendPassage(html, passage, content);
        }
        return html.isEmpty() ? null : html.toString();
    }

    private void appendPassage(StringBuilder html, Passage passage, String content) {
        int start = passage.getStartOffset();
        int end = passage.getEndOffset();
        int[] matchStarts = passage.getMatchStarts();
        int[] matchEnds = passage.getMatchEnds();
        int matches = passage.getNumMatches();
        if (!wholeText && end - start > MAX_PASSAGE_CHARS) {
            int firstMatch = matchStarts[0];
            int windowStart = Math.max(start, firstMatch - MAX_PASSAGE_CHARS / 4);
            int windowEnd = Math.min(end, windowStart + MAX_PASSAGE_CHARS);
            windowStart = wordStart(content, windowStart, start);
            windowEnd = wordEnd(content, windowEnd, end);
            start = windowStart;
            end = windowEnd;
        }
        boolean cutBefore = start > passage.getStartOffset();
        boolean cutAfter = end < passage.getEndOffset();
        StringBuilder text = new StringBuilder();
        if (cutBefore) {
            text.append(ELLIPSIS);
        }
        int position = start;
        for (int i = 0; i < matches; i++) {
            int matchStart = Math.max(matchStarts[i], position);
            int matchEnd = Math.min(matchEnds[i], end);
            if (matchStart >= end) {
                break;
            }
            if (matchEnd <= matchStart) {
                continue;
            }
            // Overlapping matches (a phrase and its words) extend the open mark instead of nesting.
            while (i + 1 < matches && matchStarts[i + 1] <= matchEnd) {
                i++;
                matchEnd = Math.min(Math.max(matchEnd, matchEnds[i]), end);
            }
            escape(text, content, position, matchStart);
            text.append("<mark>");
            escape(text, content, matchStart, matchEnd);
            text.append("</mark>");
            position = matchEnd;
        }
        escape(text, content, position, end);
        if (cutAfter) {
            text.append(ELLIPSIS);
        }
        html.append(collapseWhitespace(text).strip());
    }

    /** HTML-escaped text of a plain value, white space collapsed, cut to at most {@code maxChars} at a word end. */
    static String plain(String content, int maxChars) {
        if (content == null || content.isBlank()) {
            return "";
        }
        String text = content.strip();
        boolean cut = false;
        if (text.length() > maxChars) {
            text = text.substring(0, wordEnd(text, maxChars, text.length()));
            cut = true;
        }
        StringBuilder escaped = new StringBuilder();
        escape(escaped, text, 0, text.length());
        if (cut) {
            escaped.append(ELLIPSIS);
        }
        return collapseWhitespace(escaped).strip();
    }

    static void escape(StringBuilder out, String content, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = content.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    private static String collapseWhitespace(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }

    /** Moves a cut point forward to the start of a word, not past {@code limit} of the passage. */
    private static int wordStart(String content, int offset, int passageStart) {
        if (offset <= passageStart) {
            return passageStart;
        }
        int i = offset;
        while (i < content.length() && i - offset < 30 && !Character.isWhitespace(content.charAt(i - 1))) {
            i++;
        }
        return i - offset < 30 ? i : offset;
    }

    /** Moves a cut point back to the end of a word, not before the passage end minus a little. */
    private static int wordEnd(String content, int offset, int passageEnd) {
        if (offset >= passageEnd || offset >= content.length()) {
            return Math.min(offset, content.length());
        }
        int i = offset;
        while (i > 0 && offset - i < 30 && !Character.isWhitespace(content.charAt(i))) {
            i--;
        }
        int end = offset - i < 30 ? i : offset;
        if (end > 0 && Character.isHighSurrogate(content.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
