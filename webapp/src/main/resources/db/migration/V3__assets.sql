-- Assets and their versions. An asset keeps its id, URL and history; each new file is a new version.
-- File bytes live in the object store under a key derived from their SHA-256; these rows point at them.

create table asset (
    id              uuid primary key default gen_random_uuid(),
    title           text        not null check (length(title) between 1 and 200),
    description     text        not null default '' check (length(description) <= 5000),
    status          text        not null default 'DRAFT' check (status in ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    internal_only   boolean     not null default false,
    owner_id        bigint      not null references account (id),
    current_version int         not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index asset_updated_idx on asset (updated_at desc);

create table asset_version (
    asset_id          uuid        not null references asset (id) on delete cascade,
    version           int         not null,
    blob_key          text        not null,
    sha256            text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    size              bigint      not null check (size > 0),
    media_type        text        not null,
    file_name         text        not null,
    note              text        not null default '',
    extraction_status text        not null default 'PENDING' check (extraction_status in ('PENDING', 'DONE', 'FAILED')),
    created_by        bigint      not null references account (id),
    created_at        timestamptz not null default now(),
    primary key (asset_id, version)
);
create index asset_version_sha_idx on asset_version (sha256);
