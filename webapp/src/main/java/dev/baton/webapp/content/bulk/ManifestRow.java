package dev.baton.webapp.content.bulk;

import dev.baton.webapp.content.AssetMetadata;

/**
 * One good row of a manifest.
 *
 * @param line where the row starts in the manifest (1 is a CSV's header)
 * @param file the path inside the import it describes, {@code /}-separated, normalised like the import's own paths
 */
public record ManifestRow(int line, String file, AssetMetadata metadata) {}
