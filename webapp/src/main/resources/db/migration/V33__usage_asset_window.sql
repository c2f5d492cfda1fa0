-- Reports at scale (issue 14, point 11): each asset's trailing sums for the standard windows (7, 30, 90, 180 and 365
-- days ending on as_of), so a usage, unused or scorecard report over such a window reads one row per asset instead
-- of summing its months and edge days. Kept by reports.UsageRollup: each round adds its events to the windows they
-- fall in; when the day changes (as_of is not today any more) the round first recomputes the whole table from
-- usage_asset_day. Without owners' own uses, as the rollups it is derived from.
--   views .. other: uses in the window (as_of - window_days + 1 .. as_of), by action as in usage_asset_day
--   previous:       uses in the window before it (as_of - 2 * window_days + 1 .. as_of - window_days)
--   used:           bit k set when the asset was viewed, previewed, downloaded or shared in the k-th window back
--                   (k = 0: this window; up to 7), the unused report's and the scorecard's trend
create table usage_asset_window (
    window_days int    not null,
    asset_id    uuid   not null,
    views       bigint not null default 0,
    previews    bigint not null default 0,
    downloads   bigint not null default 0,
    shares      bigint not null default 0,
    other       bigint not null default 0,
    previous    bigint not null default 0,
    used        int    not null default 0,
    primary key (window_days, asset_id)
);

-- The day the windows end on; null: never computed (the first round computes it).
create table usage_window_state (
    id    int primary key check (id = 1),
    as_of date
);

insert into usage_window_state (id, as_of) values (1, null);
