-- Search: what reps searched for and opened (reports read it: searches that found nothing are content nobody has
-- written yet), the synonyms admins edit, and requests for content that does not exist yet.

-- One row per search, written in batches off the request path.
create table search_log (
    search_id   uuid        primary key,
    searched_at timestamptz not null,
    account_id  bigint      not null references account (id),
    query       text        not null check (length(query) <= 500),
    filters     text        not null default '',
    sort        text        not null,
    page        int         not null,
    total       bigint      not null,
    relaxed     boolean     not null default false,
    took_ms     int         not null,
    source      text        not null check (source in ('API', 'PAGE'))
);
create index search_log_at_idx on search_log (searched_at);
create index search_log_empty_idx on search_log (searched_at) where total = 0;

-- Which result of a search the user opened, and at which rank. No foreign key: the click may be written before the
-- search it belongs to (both are written in batches).
create table search_click (
    search_id  uuid        not null,
    asset_id   uuid        not null,
    rank       int         not null check (rank between 1 and 10000),
    account_id bigint      not null references account (id),
    opened_at  timestamptz not null,
    primary key (search_id, asset_id)
);

-- Synonym groups applied at query time: every term of a group finds what the others find.
create table search_synonym (
    position   int         primary key,
    terms      text[]      not null check (cardinality(terms) between 2 and 50),
    updated_by text        not null,
    updated_at timestamptz not null default now()
);
insert into search_synonym (position, terms, updated_by) values
    (1, '{mql,"marketing qualified lead"}', 'baton'),
    (2, '{sql,"sales qualified lead"}', 'baton'),
    (3, '{sal,"sales accepted lead"}', 'baton'),
    (4, '{roi,"return on investment"}', 'baton'),
    (5, '{tco,"total cost of ownership"}', 'baton'),
    (6, '{rfp,"request for proposal"}', 'baton'),
    (7, '{poc,"proof of concept"}', 'baton'),
    (8, '{qbr,"quarterly business review"}', 'baton'),
    (9, '{deck,slides,presentation}', 'baton');

-- "Ask marketing for this content": what a rep looked for and did not find.
create table content_request (
    id          bigint generated always as identity primary key,
    created_at  timestamptz not null default now(),
    account_id  bigint      not null references account (id),
    query       text        not null check (length(query) <= 500),
    filters     text        not null default '',
    note        text        not null default '' check (length(note) <= 2000),
    status      text        not null default 'OPEN' check (status in ('OPEN', 'DONE')),
    resolved_by bigint references account (id),
    resolved_at timestamptz
);
create index content_request_open_idx on content_request (created_at) where status = 'OPEN';

-- Every node's index feed listens on this channel, so a committed change reaches the index at once instead of at
-- the next poll. Sent once per statement at commit (PostgreSQL folds repeats within a transaction).
create or replace function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('baton_outbox', '');
    return null;
end;
$$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();

-- When the row was written, not when its transaction began: the index feed measures how soon a change is searchable
-- from here (baton.search.index.lag).
alter table outbox alter column created_at set default clock_timestamp();
