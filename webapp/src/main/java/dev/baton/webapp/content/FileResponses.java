package dev.baton.webapp.content;

import dev.baton.storage.BlobStore;
import java.util.Set;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Serves stored files to browsers safely. Every response names the file with an RFC 6266 {@code Content-Disposition}
 * (an ASCII fallback and the exact UTF-8 name), forbids content sniffing, and carries a Content Security Policy that
 * sandboxes the file: no script inside an uploaded HTML or SVG file runs, even when opened directly. Only PDF and
 * raster images are ever served inline; everything else is a download.
 */
@Component
class FileResponses {

    /** What a user's file may do when a browser shows it: nothing but show its own images and styles. */
    static final String FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
            + "frame-ancestors 'self'; sandbox";

    private static final Set<String> INLINE = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif");
    private static final int CHUNK = 64 * 1024;

    private final BlobStore blobs;

    FileResponses(BlobStore blobs) {
        this.blobs = blobs;
    }

    static boolean viewable(String mediaType) {
        return mediaType != null && INLINE.contains(mediaType);
    }

    /** The file, inline when asked for and safe, otherwise as a download. */
    ResponseEntity<Flux<DataBuffer>> file(ContentService.StoredFile file, boolean inline) {
        boolean showInline = inline && viewable(file.mediaType());
        return blob(file.blobKey(), file.size(), showInline ? file.mediaType() : downloadType(file.mediaType()),
                file.fileName(), showInline);
    }

    /** A derived PNG thumbnail. */
    ResponseEntity<Flux<DataBuffer>> thumbnail(String key, String fileName) {
        return blob(key, -1, "image/png", ContentService.titleFrom(fileName) + " thumbnail.png", true);
    }

    /**
     * A page image of a version, inline; its ETag names the version and page, so a browser that has it is answered
     * 304 without the bytes.
     */
    ResponseEntity<Flux<DataBuffer>> page(PageImages.PageImage image, String fileName, int version, int page) {
        return headers(image.size(), image.mediaType(),
                        ContentService.titleFrom(fileName) + " page " + page + ("image/png".equals(image.mediaType())
                                ? ".png" : ".jpg"), true)
                .eTag("\"v" + version + "-p" + page + "\"")
                .body(image.bytes());
    }

    private ResponseEntity<Flux<DataBuffer>> blob(String key, long size, String mediaType, String fileName,
            boolean inline) {
        Flux<DataBuffer> body = DataBufferUtils.readInputStream(() -> blobs.open(key),
                        DefaultDataBufferFactory.sharedInstance, CHUNK)
                .subscribeOn(Schedulers.boundedElastic());
        return headers(size, mediaType, fileName, inline).body(body);
    }

    private static ResponseEntity.BodyBuilder headers(long size, String mediaType, String fileName, boolean inline) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, mediaType)
                .header(HttpHeaders.CONTENT_DISPOSITION, FileNames.contentDisposition(inline, fileName))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", FILE_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        if (size >= 0) {
            response.contentLength(size);
        }
        return response;
    }

    /**
     * Types a browser could run or render as a page (HTML, SVG, XML, scripts) go out as plain bytes; the others keep
     * their type so the right program opens the download.
     */
    static String downloadType(String mediaType) {
        if (mediaType == null || mediaType.startsWith("text/html") || mediaType.contains("xml")
                || mediaType.contains("javascript") || mediaType.startsWith("image/svg")) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
        return mediaType;
    }
}
