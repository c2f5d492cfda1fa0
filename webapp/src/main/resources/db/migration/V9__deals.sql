-- Deals mirrored from a CRM (or created by a rep in Baton, crm 'baton'): what shares, usage and reports tie to.
-- (crm, external_id) is the deal's identity in its CRM; an upsert by it is idempotent.
create table deal (
    id              bigint generated always as identity primary key,
    crm             text        not null check (crm ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    external_id     text        not null check (length(external_id) between 1 and 200),
    name            text        not null check (length(name) between 1 and 300),
    account_name    text        not null check (length(account_name) between 1 and 300),
    -- the account's web domain, lower case, without scheme or path (example.com)
    account_domain  text check (account_domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'),
    -- a value of the taxonomy's stage facet named by stage_facet (buyer_stage or funnel_stage)
    stage_facet     text        not null default 'buyer_stage' check (stage_facet in ('buyer_stage', 'funnel_stage')),
    stage           text,
    amount          numeric(18, 2) check (amount >= 0),
    currency        char(3) check (currency ~ '^[A-Z]{3}$'),
    owner_id        bigint references account (id),
    close_date      date,
    outcome         text        not null default 'OPEN' check (outcome in ('OPEN', 'WON', 'LOST')),
    decided_at      timestamptz,
    industry        text,
    personas        text[]      not null default '{}',
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (crm, external_id),
    check ((outcome = 'OPEN') = (decided_at is null)),
    check ((amount is null) = (currency is null))
);
create index deal_owner_idx on deal (owner_id);
create index deal_account_domain_idx on deal (account_domain);

-- Every stage a deal has been in, and when it entered it: the first row is the stage it was created in.
create table deal_stage_change (
    id          bigint generated always as identity primary key,
    deal_id     bigint      not null references deal (id) on delete cascade,
    stage_facet text        not null,
    stage       text,
    changed_at  timestamptz not null default now()
);
create index deal_stage_change_deal_idx on deal_stage_change (deal_id, changed_at);
