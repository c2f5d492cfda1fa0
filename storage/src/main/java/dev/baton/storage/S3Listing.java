package dev.baton.storage;

import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A bucket's listing under a prefix as {@link BlobStat}s: paged lazily (1000 keys a request), directory markers left out. */
final class S3Listing implements Iterator<BlobStat> {

    private final S3Client s3;
    private final Iterator<Result<Item>> pages;
    private final String prefix;
    private BlobStat next;

    private S3Listing(S3Client s3, Iterator<Result<Item>> pages, String prefix) {
        this.s3 = s3;
        this.pages = pages;
        this.prefix = prefix;
    }

    /** Every blob whose key starts with the prefix, in key order. */
    static Stream<BlobStat> of(S3Client s3, String prefix) {
        Iterator<Result<Item>> pages;
        try {
            pages = s3.minio().listObjects(ListObjectsArgs.builder()
                            .bucket(s3.bucket())
                            .prefix(prefix)
                            .recursive(true)
                            .build())
                    .iterator();
        } catch (RuntimeException e) {
            throw s3.errors().translate("list", prefix, e, null);
        }
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new S3Listing(s3, pages, prefix),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            Item item;
            try {
                if (!pages.hasNext()) {
                    return false;
                }
                item = pages.next().get();
            } catch (MinioException | RuntimeException e) {
                throw s3.errors().translate("list", prefix, e, null);
            }
            if (item.isDir() || item.isDeleteMarker() || item.objectName().endsWith("/")) {
                continue;
            }
            next = new BlobStat(item.objectName(), item.size(),
                    item.lastModified() == null ? null : item.lastModified().toInstant());
        }
        return true;
    }

    @Override
    public BlobStat next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BlobStat result = next;
        next = null;
        return result;
    }
}
