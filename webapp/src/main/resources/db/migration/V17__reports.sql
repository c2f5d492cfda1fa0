-- Reports: daily rollups of the usage events, kept up to date by a worker that follows usage_event by id (late
-- commits and late events folded into their day), the reports' own settings, and which assets each search showed.

-- Every event of a day, by asset, actor and action. account_id 0: no account (a buyer's page read). own: the actor
-- owned the asset when the event was folded in (an owner's own uses never count as use; kept so totals still add up).
create table usage_daily (
    day        date   not null,
    asset_id   uuid   not null,
    account_id bigint not null,
    action     text   not null,
    own        boolean not null,
    events     bigint not null check (events > 0),
    primary key (day, asset_id, account_id, action, own)
);
-- a person's own figures (reps see only theirs)
create index usage_daily_account_idx on usage_daily (account_id, day);

-- The same without the actor and without owners' own uses: what the usage and unused reports read.
create table usage_daily_asset (
    day      date   not null,
    asset_id uuid   not null,
    action   text   not null,
    events   bigint not null check (events > 0),
    primary key (day, asset_id, action)
);
create index usage_daily_asset_by_asset_idx on usage_daily_asset (asset_id, day);

-- Per person and day, without owners' own uses and without buyers (no account): the figures by rep.
create table usage_daily_account (
    day        date   not null,
    account_id bigint not null,
    action     text   not null,
    events     bigint not null check (events > 0),
    primary key (day, account_id, action)
);
create index usage_daily_account_by_account_idx on usage_daily_account (account_id, day);

-- Where the rollup stands in usage_event: every id up to watermark is folded in or can never appear; read is the
-- highest id read. One row; the node that holds its lock folds the next batch.
create table usage_rollup_cursor (
    id         int primary key check (id = 1),
    watermark  bigint      not null,
    read       bigint      not null,
    updated_at timestamptz not null default now()
);
insert into usage_rollup_cursor (id, watermark, read) values (1, 0, 0);

-- Ids the rollup stepped over (a transaction still open, or rolled back): looked up again until their event shows
-- or they settle (older than the settle time, and every transaction running when they were seen has ended).
create table usage_rollup_gap (
    position  bigint primary key,
    seen_xmax bigint      not null,
    seen_at   timestamptz not null
);

-- The reports' settings admins change (e.g. hide rep names: figures by team only).
create table report_setting (
    key        text primary key,
    value      text        not null,
    updated_by text        not null,
    updated_at timestamptz not null default now()
);

-- Which assets the first page of a search's results (and its suggestions) showed: "never surfaced" in the unused
-- report is an asset that no search showed in the window.
alter table search_log add column shown uuid[];

-- Which assets searches showed on a day (a first page of results, a suggestion list's titles): owned by search,
-- written with the search log, read by the unused-content report through search.SurfacedAssets.
create table search_surfaced (
    day      date not null,
    asset_id uuid not null,
    primary key (day, asset_id)
);
