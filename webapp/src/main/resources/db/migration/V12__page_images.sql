-- Page images of decks and documents (issue 13): every page of a PPTX, PPT or DOCX drawn as an image for the in-app
-- viewer and the buyers' viewer, made once per version in the background. The images are derived blobs keyed by the
-- file's SHA-256 and the page number (derived/sha256/.../page-0001.jpg); these columns say how far the work is.
-- Every existing version starts pending, so the library made before this migration is rendered too (newest first);
-- versions of other types are marked NONE by the worker without reading their bytes.
alter table asset_version
    add column pages_status      text not null default 'PENDING'
        check (pages_status in ('PENDING', 'DONE', 'FAILED', 'NONE')),
    add column pages_reason      text,
    -- how many page images are stored (also after a failure part-way, so a deletion knows what to remove)
    add column page_images       int not null default 0 check (page_images >= 0),
    -- how many pages the file has when more than the page limit were left out; null when all are drawn or unknown
    add column pages_total       int,
    add column page_media_type   text,
    -- the byte size of each page image, in page order, and the pixel size of the first page (the viewer's placeholder)
    add column page_sizes        bigint[],
    add column page_width        int,
    add column page_height       int,
    add column pages_attempts    int not null default 0,
    add column pages_claimed_by  text,
    add column pages_claimed_at  timestamptz;
create index asset_version_pages_pending_idx on asset_version (created_at) where pages_status = 'PENDING';
