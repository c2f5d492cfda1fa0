-- Inbound CRM webhooks. An admin creates an integration per CRM name; the CRM signs each delivery with the
-- integration's secret (HMAC-SHA256 over "<timestamp>.<body>"). HMAC needs the key itself to check a signature, so
-- the secret is kept as given out (shown to the admin once, never again through Baton); see docs/crm.md.
create table crm_integration (
    id          bigint generated always as identity primary key,
    crm         text        not null unique check (crm ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    preset      text        not null check (preset in ('salesforce', 'hubspot', 'baton')),
    secret      text        not null check (length(secret) between 32 and 200),
    -- CRM stage name (lower case) -> taxonomy stage value (a key or label of buyer_stage or funnel_stage)
    stage_map   jsonb       not null default '{}',
    enabled     boolean     not null default true,
    created_by  text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    last_delivery_at timestamptz
);

-- Delivery ids seen per integration: a repeated id is acknowledged and ignored. Pruned after a day (a delivery older
-- than the 5-minute timestamp window is refused anyway).
create table crm_delivery (
    integration_id bigint      not null references crm_integration (id) on delete cascade,
    delivery_id    text        not null check (length(delivery_id) between 1 and 200),
    received_at    timestamptz not null default now(),
    primary key (integration_id, delivery_id)
);
create index crm_delivery_received_idx on crm_delivery (received_at);
