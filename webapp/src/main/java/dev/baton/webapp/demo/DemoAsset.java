package dev.baton.webapp.demo;

import java.util.List;
import java.util.Map;

/**
 * One file of the demo library with the metadata it is published with.
 *
 * @param fileName         a human file name, unique in the library
 * @param bytes            the file's content (PDF, DOCX or PPTX)
 * @param title            unique in the library
 * @param description      a sentence that also appears in the file's text
 * @param contentType      a value key of the {@code content_type} facet
 * @param facets           facet key to value keys, from the default taxonomy
 * @param tags             free tags
 * @param owner            the demo marketer who owns the asset
 * @param internalOnly     for the sales team only; never shared with buyers
 * @param publishedDaysAgo how long ago it was published
 * @param expiresInDays    days until it expires (negative: already expired), or null when it does not expire
 */
public record DemoAsset(String fileName, byte[] bytes, String title, String description, String contentType,
        Map<String, List<String>> facets, List<String> tags, String owner, boolean internalOnly,
        int publishedDaysAgo, Integer expiresInDays) {
}
