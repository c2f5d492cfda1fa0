-- Reports at scale (issue 14, point 11): the per-asset rollups pivoted (one row per asset and day, the actions as
-- columns), a monthly rollup per asset so a window reads whole months plus its edge days, per-day totals for the
-- series, each asset's first opened and first shared day (the unused report's causes), and the library's dimensions
-- as the reports group them (kept by reports.LibraryDimensions from content.AssetCatalog, so grouping by facet or
-- owner runs in SQL on reports' own table). All without owners' own uses; usage_daily keeps every event.

-- Uses per asset and day. other: uses other tools reported (email, meeting). Buyers' page reads are not uses.
create table usage_asset_day (
    day       date   not null,
    asset_id  uuid   not null,
    views     bigint not null default 0,
    previews  bigint not null default 0,
    downloads bigint not null default 0,
    shares    bigint not null default 0,
    other     bigint not null default 0,
    primary key (day, asset_id)
);

-- The same per calendar month (month: its first day); days_used: bit d-1 set when the asset was viewed, previewed,
-- downloaded or shared on day d of the month (what "used in a window" means in the unused report).
create table usage_asset_month (
    month     date   not null,
    asset_id  uuid   not null,
    views     bigint not null default 0,
    previews  bigint not null default 0,
    downloads bigint not null default 0,
    shares    bigint not null default 0,
    other     bigint not null default 0,
    days_used int    not null default 0,
    primary key (month, asset_id)
);

-- Uses per day over the whole library: the totals and the series.
create table usage_day (
    day       date primary key,
    views     bigint not null default 0,
    previews  bigint not null default 0,
    downloads bigint not null default 0,
    shares    bigint not null default 0,
    other     bigint not null default 0
);

-- Per asset: the first day anyone but its owner opened it (view, preview, download) and shared it.
create table usage_asset_state (
    asset_id     uuid primary key,
    first_opened date,
    first_shared date
);

-- The library as reports group it, mirrored from content.AssetCatalog#dimensions by reports.LibraryDimensions
-- whenever the catalog's change token moves. keys: 'content_type:x' and every 'facet:value' the asset carries.
create table report_asset (
    asset_id     uuid primary key,
    title        text        not null,
    owner_id     bigint      not null,
    published    boolean     not null,
    published_at timestamptz,
    expires_on   date,
    keys         text[]      not null
);

insert into usage_asset_day (day, asset_id, views, previews, downloads, shares, other)
select day, asset_id,
       coalesce(sum(events) filter (where action = 'VIEW'), 0),
       coalesce(sum(events) filter (where action = 'PREVIEW'), 0),
       coalesce(sum(events) filter (where action = 'DOWNLOAD'), 0),
       coalesce(sum(events) filter (where action = 'SHARE'), 0),
       coalesce(sum(events) filter (where action in ('EMAIL', 'MEETING')), 0)
from usage_daily_asset
where action in ('VIEW', 'PREVIEW', 'DOWNLOAD', 'SHARE', 'EMAIL', 'MEETING')
group by day, asset_id;

insert into usage_asset_month (month, asset_id, views, previews, downloads, shares, other, days_used)
select date_trunc('month', day)::date, asset_id, sum(views), sum(previews), sum(downloads), sum(shares), sum(other),
       coalesce(bit_or(1 << (extract(day from day)::int - 1))
                    filter (where views + previews + downloads + shares > 0), 0)
from usage_asset_day
group by 1, 2;

insert into usage_day (day, views, previews, downloads, shares, other)
select day, sum(views), sum(previews), sum(downloads), sum(shares), sum(other)
from usage_asset_day
group by day;

insert into usage_asset_state (asset_id, first_opened, first_shared)
select asset_id, min(day) filter (where views + previews + downloads > 0), min(day) filter (where shares > 0)
from usage_asset_day
group by asset_id;

drop table usage_daily_asset;
