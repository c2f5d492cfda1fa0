-- An outbox row names what changed (entity_type, entity_id); the index makes itself match the database for it. The
-- operation (UPSERT or DELETE) and the payload were written and never read: the database, not the row, says whether
-- an asset still exists. Kinds of rows: 'asset' (an asset id), 'taxonomy_value' ('facet/value': every asset carrying
-- the value), 'search' ('synonyms').
alter table outbox drop column operation, drop column payload;

-- Pruning (docs/search.md, "Pruning the outbox"): rows older than the retention are deleted once every node heard
-- from within the retention is past them.
create index outbox_created_idx on outbox (created_at);

-- The lowest outbox position each node still needs: its index's committed position, or the position a build under
-- way started from. Written every minute by each node's index feed.
create table outbox_reader (
    reader   text        primary key,
    position bigint      not null,
    seen_at  timestamptz not null default now()
);

-- The highest position pruned so far: a node whose index stands below it has missed rows and builds a new index.
-- One row; locking it lets one node prune at a time.
create table outbox_pruned (
    only_row boolean primary key default true check (only_row),
    position bigint  not null
);
insert into outbox_pruned (position) values (0);
