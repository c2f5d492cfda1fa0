package dev.baton.webapp.content;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether the title a document carries (PDF Info, Office core properties) is one to show: office programs fill the
 * field with placeholders ("PowerPoint Presentation", "Microsoft Word - draft3.docx", "Untitled") that say less than
 * the file name does.
 */
final class DocumentTitles {

    /** The most characters of a title, as for a title a marketer gives. */
    static final int MAX = 200;

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(untitled.*|title|document\\d*|presentation\\d*|powerpoint presentation|slide \\d+|"
                    + "microsoft (word|powerpoint|excel) - .*|new document|draft|template|copy of .*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_NAME = Pattern.compile(".*\\.(pdf|docx?|pptx?|xlsx?|odt|odp|rtf|txt|md|html?)",
            Pattern.CASE_INSENSITIVE);

    private DocumentTitles() {}

    /** The title cleaned (spaces collapsed, at most {@link #MAX} characters), or {@code null} when it says nothing. */
    static String usable(String title) {
        if (title == null) {
            return null;
        }
        String clean = FileNames.displayName(title).replaceAll("\\s+", " ").strip();
        if (clean.length() < 3 || clean.chars().noneMatch(Character::isLetter)
                || PLACEHOLDER.matcher(clean.toLowerCase(Locale.ROOT)).matches() || FILE_NAME.matcher(clean).matches()) {
            return null;
        }
        return clean.length() > MAX ? clean.substring(0, MAX).strip() : clean;
    }
}
