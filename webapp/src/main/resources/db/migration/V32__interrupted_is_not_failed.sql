-- Interrupted is not failed (issue 19). Work stopped by the service stopping (a restart, a crash, kill -9) is retried
-- until it ends; only what the file causes gives up. Text is made in a forked JVM, so the service's death is never
-- the file's doing there and no interruption counts. Thumbnails and page images are drawn inside the service's JVM,
-- so a file could take it down each time: for them the worker marks, before drawing, that it is drawing (committed),
-- and clears the mark when it records the outcome or lets the work go. A claim that finds the mark still set knows the
-- previous holder died while drawing, and counts one interruption; three of those give up that one part only.
alter table asset_version
    add column thumbnail_drawing       boolean not null default false,
    add column thumbnail_interruptions int     not null default 0 check (thumbnail_interruptions >= 0),
    add column pages_drawing           boolean not null default false,
    add column pages_interruptions     int     not null default 0 check (pages_interruptions >= 0);

-- What an earlier version gave up only because the service stopped while it ran goes back to pending: the crashes had
-- nothing to do with the files. (extraction_attempts and pages_attempts now only order the queue: work that keeps
-- meeting a failing store goes behind fresh work.)
update asset_version set extraction_status = 'PENDING', extraction_reason = null
 where extraction_status = 'FAILED' and extraction_reason like 'gave up after % interrupted attempts';
update asset_version set thumbnail_status = 'PENDING', thumbnail_reason = null
 where thumbnail_status = 'FAILED' and thumbnail_reason like 'gave up after % interrupted attempts';
update asset_version set pages_status = 'PENDING', pages_reason = null
 where pages_status = 'FAILED' and pages_reason like 'drawing its pages was interrupted % times';
