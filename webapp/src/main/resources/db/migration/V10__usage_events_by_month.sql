-- Usage events grow without end: the table becomes partitioned by month (of occurred_at) so an old month can be
-- detached and archived. It now also takes shares, events from other tools (an email add-in, a CRM) and the buyer
-- viewer's page beacons, so the account is optional (a buyer has none) and an event may carry its deal and share.
--
-- A unique index on a partitioned table must contain the partition key, so the idempotency keys, unique per owner
-- ("a:<account id>" for a signed-in user or token, "s:<share id>" for a share's viewer), move to a table of their
-- own; an event is inserted only when its key was new. Ids still come from one sequence, in insertion order.
alter table usage_event rename to usage_event_v4;
alter trigger usage_event_no_update on usage_event_v4 rename to usage_event_v4_no_update;

create sequence usage_event_seq as bigint;
create table usage_event (
    id              bigint      not null default nextval('usage_event_seq'),
    occurred_at     timestamptz not null default now(),
    recorded_at     timestamptz not null default now(),
    account_id      bigint references account (id),
    asset_id        uuid        not null,
    version         int,
    action          text        not null check (action ~ '^[A-Z][A-Z_]{0,39}$'),
    deal_id         bigint,
    share_id        bigint,
    -- the buyer viewer's visitor (a random id its page keeps), the page read and for how long
    visitor         text check (length(visitor) between 1 and 100),
    page            int check (page >= 1),
    millis          int check (millis >= 0),
    -- where an event from another tool came from ("outlook-addin"), and a short free note
    source          text check (length(source) between 1 and 100),
    note            text check (length(note) <= 1000),
    idempotency_key text check (length(idempotency_key) between 1 and 200),
    primary key (id, occurred_at)
) partition by range (occurred_at);
alter sequence usage_event_seq owned by usage_event.id;

-- Events whose month has no partition yet (far past or future) land here rather than fail.
create table usage_event_default partition of usage_event default;

-- Makes the monthly partitions from the month of from_month to the month of to_month; existing ones are kept.
create or replace function usage_event_ensure_partitions(from_month date, to_month date) returns void
language plpgsql as $$
declare
    m date := date_trunc('month', from_month)::date;
begin
    while m <= date_trunc('month', to_month)::date loop
        if to_regclass(format('usage_event_%s', to_char(m, 'YYYY_MM'))) is null then
            execute format('create table %I partition of usage_event for values from (%L) to (%L)',
                    'usage_event_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
        end if;
        m := (m + interval '1 month')::date;
    end loop;
end;
$$;
select usage_event_ensure_partitions(
        least(coalesce((select min(occurred_at) from usage_event_v4), now()), now() - interval '12 months')::date,
        (now() + interval '3 months')::date);

create table usage_event_key (
    owner       text        not null,
    key         text        not null,
    recorded_at timestamptz not null default now(),
    primary key (owner, key)
);

insert into usage_event (id, occurred_at, recorded_at, account_id, asset_id, version, action, idempotency_key)
    select id, occurred_at, occurred_at, account_id, asset_id, version, action, idempotency_key
    from usage_event_v4 order by id;
insert into usage_event_key (owner, key, recorded_at)
    select 'a:' || account_id, idempotency_key, occurred_at from usage_event_v4 where idempotency_key is not null;
select setval('usage_event_seq', greatest((select coalesce(max(id), 0) from usage_event_v4), 1),
        (select count(*) > 0 from usage_event_v4));
drop table usage_event_v4;

create index usage_event_asset_idx on usage_event (asset_id, action);
create index usage_event_id_idx on usage_event (id);
create index usage_event_deal_idx on usage_event (deal_id) where deal_id is not null;
create index usage_event_share_idx on usage_event (share_id, occurred_at) where share_id is not null;

create trigger usage_event_no_update before update or delete on usage_event
    for each row execute function usage_event_append_only();
