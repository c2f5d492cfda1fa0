-- Outbound webhooks (docs/webhooks.md): admins subscribe URLs to event types; every event is stored with the exact
-- bytes sent, one delivery per subscription, each attempt logged. Owned by the webhooks package.

-- A subscription: where to send which event types, and the signing secret (kept as is: signing needs it). During a
-- rotation the previous secret signs too, until previous_secret_until.
create table webhook_subscription (
    id                    uuid        primary key,
    url                   text        not null,
    description           text        not null default '',
    event_types           text[]      not null,
    secret                text        not null,
    previous_secret       text,
    previous_secret_until timestamptz,
    status                text        not null default 'ACTIVE' check (status in ('ACTIVE', 'PAUSED')),
    -- the first failed attempt since the last success: three days of nothing but failures pause the subscription
    failing_since         timestamptz,
    paused_at             timestamptz,
    paused_reason         text,
    created_at            timestamptz not null,
    created_by            text        not null,
    updated_at            timestamptz not null
);

-- An event as sent: its id (the webhook-id header) and the JSON body, written once so every retry sends the same bytes.
create table webhook_event (
    id         text        primary key,
    type       text        not null,
    body       text        not null,
    created_at timestamptz not null
);

-- One event to one subscription. PENDING until an attempt succeeds (SUCCEEDED) or the retry window ends (FAILED).
-- A worker claims a due delivery (claimed_by, until claimed_until) so no two workers send it at once.
create table webhook_delivery (
    id              bigint      generated always as identity primary key,
    subscription_id uuid        not null references webhook_subscription (id) on delete cascade,
    event_id        text        not null references webhook_event (id) on delete cascade,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts        int         not null default 0,
    -- retries are scheduled from here and end a retry window after it (a redelivery starts a new window)
    window_start    timestamptz not null,
    next_attempt_at timestamptz,
    claimed_by      text,
    claimed_until   timestamptz,
    last_status     int,
    last_error      text,
    finished_at     timestamptz,
    created_at      timestamptz not null
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_subscription_idx on webhook_delivery (subscription_id, id desc);

-- Every attempt: when, how long, the HTTP status (null when none came back) and the error.
create table webhook_attempt (
    id          bigint      generated always as identity primary key,
    delivery_id bigint      not null references webhook_delivery (id) on delete cascade,
    attempted_at timestamptz not null,
    duration_ms bigint      not null,
    status_code int,
    error       text
);
create index webhook_attempt_delivery_idx on webhook_attempt (delivery_id, id);

-- What admins are told on the webhooks page (a subscription paused after failing for three days).
create table webhook_notice (
    id              bigint      generated always as identity primary key,
    subscription_id uuid        references webhook_subscription (id) on delete set null,
    message         text        not null,
    created_at      timestamptz not null,
    dismissed_at    timestamptz
);

-- Where the asset-event feed stands in system's outbox (one row, locked by the node that advances it): the highest
-- position read, and the positions it stepped over that may still commit (with the snapshot xmax and the database
-- time when first seen).
create table webhook_feed (
    only_row    boolean  primary key default true check (only_row),
    position    bigint   not null,
    gaps        bigint[] not null default '{}',
    gap_xmax    bigint[] not null default '{}',
    gap_seen_ms bigint[] not null default '{}'
);

-- What the feed last saw of each asset, to tell asset.published from asset.updated, and which expiry it announced.
create table webhook_asset (
    asset_id        uuid        primary key,
    status          text        not null,
    version         int         not null,
    updated_at      timestamptz not null,
    expires_on      date,
    expired_sent_on date
);
create index webhook_asset_expiry_idx on webhook_asset (expires_on) where status = 'PUBLISHED';
