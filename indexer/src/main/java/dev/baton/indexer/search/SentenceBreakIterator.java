package dev.baton.indexer.search;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;

/**
 * Sentence boundaries for snippets, found by looking at the characters around an offset: a sentence ends after
 * {@code .}, {@code !} or {@code ?} (with any closing quotes or brackets) followed by white space, and the next one
 * starts at the first character after that white space; after a full stop, a next word in lower case (as in "e.g.
 * the") continues the sentence. A paragraph break (a blank line) ends a sentence too; a single line break does not,
 * since extracted PDF text breaks lines in the middle of sentences.
 *
 * <p>Why not {@link BreakIterator#getSentenceInstance}: the highlighter asks for the boundary before and after each
 * passage of every hit, and the JDK's rule-based iterator backs up and re-scans from a safe point on every such call; in
 * a profile of the search benchmark it took a sixth of each search. This one answers from the characters next to the
 * offset. A {@link CharacterIterator} given to {@link #setText(CharacterIterator)} must start at index 0 (it is copied
 * into a string).
 */
final class SentenceBreakIterator extends BreakIterator {

    private String text = "";
    private StringCharacterIterator characters = new StringCharacterIterator("");
    private int current;

    @Override
    public void setText(String newText) {
        text = newText;
        characters = new StringCharacterIterator(newText);
        current = 0;
    }

    @Override
    public void setText(CharacterIterator newText) {
        if (newText.getBeginIndex() != 0) {
            throw new UnsupportedOperationException("Text must start at index 0");
        }
        StringBuilder copy = new StringBuilder(newText.getEndIndex());
        for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
            copy.append(c);
        }
        setText(copy.toString());
    }

    @Override
    public CharacterIterator getText() {
        return characters;
    }

    @Override
    public int first() {
        current = 0;
        return current;
    }

    @Override
    public int last() {
        current = text.length();
        return current;
    }

    @Override
    public int current() {
        return current;
    }

    @Override
    public int next() {
        if (current >= text.length()) {
            return DONE;
        }
        current = boundaryAfter(current);
        return current;
    }

    @Override
    public int previous() {
        if (current <= 0) {
            return DONE;
        }
        current = boundaryBefore(current);
        return current;
    }

    @Override
    public int next(int n) {
        int result = current;
        for (int i = 0; i < n && result != DONE; i++) {
            result = next();
        }
        for (int i = 0; i > n && result != DONE; i--) {
            result = previous();
        }
        return result;
    }

    @Override
    public int following(int offset) {
        checkOffset(offset);
        if (offset >= text.length()) {
            current = text.length();
            return DONE;
        }
        current = boundaryAfter(offset);
        return current;
    }

    @Override
    public int preceding(int offset) {
        checkOffset(offset);
        if (offset <= 0) {
            current = 0;
            return DONE;
        }
        current = boundaryBefore(offset);
        return current;
    }

    @Override
    public boolean isBoundary(int offset) {
        checkOffset(offset);
        boolean boundary = offset == 0 || offset == text.length() || startsSentence(offset);
        current = boundary ? offset : boundaryAfter(offset);
        return boundary;
    }

    /** The first boundary after {@code offset} (the text's end if none). */
    private int boundaryAfter(int offset) {
        int length = text.length();
        for (int i = offset + 1; i < length; i++) {
            if (startsSentence(i)) {
                return i;
            }
        }
        return length;
    }

    /** The last boundary before {@code offset} (0 if none). */
    private int boundaryBefore(int offset) {
        for (int i = offset - 1; i > 0; i--) {
            if (startsSentence(i)) {
                return i;
            }
        }
        return 0;
    }

    /** Whether a sentence starts at {@code i}, which lies inside the text: after white space that ends one. */
    private boolean startsSentence(int i) {
        char here = text.charAt(i);
        if (Character.isWhitespace(here)) {
            return false;
        }
        int j = i - 1;
        if (!Character.isWhitespace(text.charAt(j))) {
            return false;
        }
        int lineBreaks = 0;
        while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
            if (text.charAt(j) == '\n') {
                lineBreaks++;
            }
            j--;
        }
        if (lineBreaks >= 2) {
            return true;
        }
        while (j >= 0 && isCloser(text.charAt(j))) {
            j--;
        }
        if (j < 0) {
            return false;
        }
        char end = text.charAt(j);
        if (end == '!' || end == '?') {
            return true;
        }
        return end == '.' && !Character.isLowerCase(here);
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019' || c == '\u00BB';
    }

    private void checkOffset(int offset) {
        if (offset < 0 || offset > text.length()) {
            throw new IllegalArgumentException("Offset " + offset + " is outside the text (0 to " + text.length() + ")");
        }
    }

    @Override
    public Object clone() {
        SentenceBreakIterator copy = (SentenceBreakIterator) super.clone();
        copy.characters = (StringCharacterIterator) characters.clone();
        return copy;
    }
}
