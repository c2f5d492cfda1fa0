package dev.baton.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SentenceBreakIteratorTest {

    private static final String PROSE = "Mr. Smith reviewed the pricing. He said \"it works!\" Then e.g. the security team"
            + " signed off (all of it.) Uptime was 99.9 percent? Yes.  Two spaces.\nA line broken by a PDF\nstays one"
            + " sentence. The end";

    @Test
    void findsTheSentencesTheJdkFindsInProse() {
        assertThat(boundaries(new SentenceBreakIterator(), PROSE))
                .isEqualTo(boundaries(BreakIterator.getSentenceInstance(Locale.ROOT), PROSE));
        assertThat(sentences(new SentenceBreakIterator(), PROSE)).containsExactly(
                "Mr. ",
                "Smith reviewed the pricing. ",
                "He said \"it works!\" ",
                "Then e.g. the security team signed off (all of it.) ",
                "Uptime was 99.9 percent? ",
                "Yes.  ",
                "Two spaces.\n",
                "A line broken by a PDF\nstays one sentence. ",
                "The end");
    }

    @Test
    void aBlankLineEndsASentenceWithoutAFullStop() {
        assertThat(sentences(new SentenceBreakIterator(), "Pricing guide for healthcare\n\nThe renewal is due."))
                .containsExactly("Pricing guide for healthcare\n\n", "The renewal is due.");
    }

    @Test
    void followingAndPrecedingAnswerLikeTheJdkAtEveryOffset() {
        BreakIterator jdk = BreakIterator.getSentenceInstance(Locale.ROOT);
        jdk.setText(PROSE);
        SentenceBreakIterator ours = new SentenceBreakIterator();
        ours.setText(PROSE);
        for (int offset = 0; offset <= PROSE.length(); offset++) {
            assertThat(ours.following(offset)).as("following(%d)", offset).isEqualTo(jdk.following(offset));
            assertThat(ours.current()).as("current after following(%d)", offset).isEqualTo(jdk.current());
            assertThat(ours.preceding(offset)).as("preceding(%d)", offset).isEqualTo(jdk.preceding(offset));
            assertThat(ours.current()).as("current after preceding(%d)", offset).isEqualTo(jdk.current());
            assertThat(ours.isBoundary(offset)).as("isBoundary(%d)", offset).isEqualTo(jdk.isBoundary(offset));
        }
        assertThat(ours.getText().getEndIndex()).isEqualTo(PROSE.length());
    }

    @Test
    void anEmptyTextHasOneBoundary() {
        SentenceBreakIterator ours = new SentenceBreakIterator();
        ours.setText("");
        assertThat(ours.first()).isZero();
        assertThat(ours.next()).isEqualTo(BreakIterator.DONE);
        assertThat(ours.last()).isZero();
        assertThat(ours.previous()).isEqualTo(BreakIterator.DONE);
    }

    private static List<Integer> boundaries(BreakIterator iterator, String text) {
        iterator.setText(text);
        List<Integer> all = new ArrayList<>();
        for (int b = iterator.first(); b != BreakIterator.DONE; b = iterator.next()) {
            all.add(b);
        }
        return all;
    }

    private static List<String> sentences(BreakIterator iterator, String text) {
        List<Integer> at = boundaries(iterator, text);
        List<String> all = new ArrayList<>();
        for (int i = 1; i < at.size(); i++) {
            all.add(text.substring(at.get(i - 1), at.get(i)));
        }
        return all;
    }
}
