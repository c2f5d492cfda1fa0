-- What marketers say about an asset (facets from the taxonomy, tags, dates), what Baton derives from its file
-- (text, document metadata, a thumbnail), its lifecycle, and every use of it.

alter table asset
    add column content_type     text,
    add column tags             text[]      not null default '{}',
    add column publish_date     date,
    add column review_by        date,
    add column expires_on       date,
    add column archived_from    text check (archived_from in ('DRAFT', 'PUBLISHED')),
    add column published_at     timestamptz;
create index asset_expires_idx on asset (expires_on) where expires_on is not null;

-- Taxonomy values on an asset, several per facet. A value can be retired (inactive) but never deleted while used.
create table asset_facet (
    asset_id  uuid not null references asset (id) on delete cascade,
    facet_key text not null,
    value_key text not null,
    primary key (asset_id, facet_key, value_key),
    foreign key (facet_key, value_key) references taxonomy_value (facet_key, key)
);
create index asset_facet_value_idx on asset_facet (facet_key, value_key);

-- Derived work per version: text extraction and the thumbnail run in the background after the upload is answered.
-- A claim (node + time) marks work under way; a node that restarts releases its own claims, a dead node's claims
-- expire. Work that keeps failing stops after a few attempts.
alter table asset_version
    add column extraction_reason   text,
    add column extraction_attempts int not null default 0,
    add column text_key            text,
    add column text_truncated      boolean not null default false,
    add column doc_title           text,
    add column doc_author          text,
    add column page_count          int,
    add column language            text,
    add column thumbnail_status    text not null default 'PENDING'
        check (thumbnail_status in ('PENDING', 'DONE', 'FAILED', 'NONE')),
    add column thumbnail_reason    text,
    add column thumbnail_key       text,
    add column claimed_by          text,
    add column claimed_at          timestamptz;
create index asset_version_pending_idx on asset_version (created_at)
    where extraction_status = 'PENDING' or thumbnail_status = 'PENDING';

-- Every view, preview and download by a signed-in user. Append-only; a client-supplied idempotency key makes a
-- retried event count once.
create table usage_event (
    id              bigint generated always as identity primary key,
    occurred_at     timestamptz not null default now(),
    account_id      bigint      not null references account (id),
    asset_id        uuid        not null,
    version         int         not null,
    action          text        not null check (action in ('VIEW', 'PREVIEW', 'DOWNLOAD')),
    idempotency_key text check (length(idempotency_key) between 1 and 200),
    unique (account_id, idempotency_key)
);
create index usage_event_asset_idx on usage_event (asset_id, action);

create or replace function usage_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'usage_event is append-only';
end;
$$;
create trigger usage_event_no_update before update or delete on usage_event
    for each row execute function usage_event_append_only();

-- Bulk imports: a ZIP (and its manifest) kept in the object store until the job ends, so a restart resumes it.
create table import_job (
    id            uuid primary key,
    status        text        not null default 'QUEUED' check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    archive_key   text        not null,
    manifest_key  text,
    manifest_name text,
    total         int         not null default 0,
    processed     int         not null default 0,
    imported      int         not null default 0,
    skipped       int         not null default 0,
    failed        int         not null default 0,
    problems      jsonb       not null default '[]',
    message       text,
    claimed_by    text,
    claimed_at    timestamptz,
    created_by    bigint      not null references account (id),
    created_at    timestamptz not null default now(),
    finished_at   timestamptz
);

-- Each file of an import done, so a resumed job skips it.
create table import_item (
    job_id   uuid not null references import_job (id) on delete cascade,
    path     text not null,
    outcome  text not null check (outcome in ('IMPORTED', 'SKIPPED', 'FAILED')),
    asset_id uuid,
    primary key (job_id, path)
);

-- One-off things done once per installation (the demo library), so a restart neither repeats nor forgets them.
create table installation_step (
    name       text primary key,
    state      text        not null check (state in ('STARTED', 'DONE', 'SKIPPED')),
    updated_at timestamptz not null default now()
);
