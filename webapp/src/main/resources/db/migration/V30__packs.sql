-- Enablement packs (issue 15), owned by the packs package. A pack keeps its working draft as one JSON document and
-- each published version as an immutable snapshot row; reps' progress is per pack, person and item key (an item's
-- key stays the same across versions), so a new version keeps what a rep has done on unchanged items.

create table pack (
    id              bigserial   primary key,
    title           text        not null,
    status          text        not null default 'DRAFT' check (status in ('DRAFT', 'PUBLISHED', 'RETIRED')),
    draft           jsonb,
    current_version int,
    created_by      bigint      not null references account (id),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    retired_at      timestamptz
);

create table pack_version (
    pack_id      bigint      not null references pack (id),
    version      int         not null,
    content      jsonb       not null,
    published_by bigint      not null references account (id),
    published_at timestamptz not null,
    primary key (pack_id, version)
);

-- the versions a rep has opened: the latest, and the one before it ("what changed since the version you last opened")
create table pack_reader (
    pack_id         bigint      not null references pack (id),
    account_id      bigint      not null references account (id),
    seen_version    int         not null,
    previous_version int,
    first_opened_at timestamptz not null,
    last_opened_at  timestamptz not null,
    primary key (pack_id, account_id)
);

create table pack_item_progress (
    pack_id              bigint      not null references pack (id),
    account_id           bigint      not null references account (id),
    item_key             text        not null,
    opened_version       int         not null,
    opened_at            timestamptz not null,
    acknowledged_version int,
    acknowledged_at      timestamptz,
    primary key (pack_id, account_id, item_key)
);

create table pack_quiz_attempt (
    id           bigserial   primary key,
    pack_id      bigint      not null references pack (id),
    account_id   bigint      not null references account (id),
    version      int         not null,
    correct      int         not null,
    total        int         not null,
    score        int         not null,
    passed       boolean     not null,
    answers      jsonb       not null,
    submitted_at timestamptz not null
);

create index pack_quiz_attempt_pack_idx on pack_quiz_attempt (pack_id, account_id);

-- an opening of a pack's asset is a usage event carrying the pack, as deals and shares are carried (usage's table)
alter table usage_event add column pack_id bigint;
create index usage_event_pack_idx on usage_event (pack_id) where pack_id is not null;
