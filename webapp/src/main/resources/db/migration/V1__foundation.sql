-- Accounts, API tokens, the audit log and the search-index outbox.

create table account (
    id            bigint generated always as identity primary key,
    username      text        not null,
    display_name  text        not null,
    password_hash text        not null,
    role          text        not null check (role in ('REP', 'MARKETER', 'TRAINER', 'ADMIN')),
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint account_username_format check (username ~ '^[a-z0-9][a-z0-9._@-]{1,63}$')
);
create unique index account_username_key on account (username);

-- Bearer tokens for scripts and integrations. Only a SHA-256 of the token is kept; the token is shown once.
create table api_token (
    id           bigint generated always as identity primary key,
    account_id   bigint      not null references account (id) on delete cascade,
    name         text        not null,
    token_hash   bytea       not null,
    token_prefix text        not null,
    created_at   timestamptz not null default now(),
    created_by   text        not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create unique index api_token_hash_key on api_token (token_hash);
create index api_token_account_idx on api_token (account_id);

-- Append-only record of security-relevant actions.
create table audit_event (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    actor       text,
    action      text        not null,
    target      text,
    detail      text,
    remote_addr text
);
create index audit_event_occurred_idx on audit_event (occurred_at desc);

-- Index updates, written in the same transaction as the change they describe; the indexer applies them in order.
create table outbox (
    position    bigint generated always as identity primary key,
    created_at  timestamptz not null default now(),
    entity_type text        not null,
    entity_id   text        not null,
    operation   text        not null check (operation in ('UPSERT', 'DELETE')),
    payload     text
);

-- Revoke audit history edits: the application role may only append.
create or replace function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_append_only();
