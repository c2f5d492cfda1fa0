-- Notifications for people: in Baton (a bell with the unread count, a list) and by email, at once or in a daily
-- summary, as each person chooses per kind. Owned by the notifications package.
create table notification (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null references account (id) on delete cascade,
    kind        text        not null check (kind ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
    title       text        not null check (length(title) between 1 and 300),
    body        text        not null default '' check (length(body) <= 4000),
    -- a path in Baton (/deals/12) or an absolute URL; emails make a path absolute with baton.public-url
    link        text check (length(link) between 1 and 1000),
    created_at  timestamptz not null default now(),
    read_at     timestamptz,
    -- how this one goes out by email, fixed when it is made: NOW (an email of its own), DAILY (the daily summary),
    -- NONE; emailed_at is set when an email took it (or when it was given up: no address)
    email       text        not null check (email in ('NOW', 'DAILY', 'NONE')),
    emailed_at  timestamptz
);
create index notification_account_idx on notification (account_id, id desc);
create index notification_unread_idx on notification (account_id) where read_at is null;
create index notification_email_idx on notification (email, account_id) where emailed_at is null and email <> 'NONE';

-- Each person's choice per kind; a kind without a row uses its default (NotificationKind).
create table notification_preference (
    account_id  bigint      not null references account (id) on delete cascade,
    kind        text        not null,
    delivery    text        not null check (delivery in ('NOW', 'DAILY', 'NONE')),
    primary key (account_id, kind)
);

-- Where a person's emails go (accounts have user names, not addresses; a user name that is an address is used when
-- no address is set).
create table notification_recipient (
    account_id  bigint      primary key references account (id) on delete cascade,
    email       text check (length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$')
);

-- Partition upkeep (the usage package's job, daily and at start) makes next months' partitions of usage_event. A
-- month whose rows already sit in the default partition (events dated far ahead) cannot get a partition of its own
-- until they are moved; that month is skipped with a warning instead of failing every other month.
create or replace function usage_event_ensure_partitions(from_month date, to_month date) returns void
language plpgsql as $$
declare
    m date := date_trunc('month', from_month)::date;
begin
    while m <= date_trunc('month', to_month)::date loop
        if to_regclass(format('usage_event_%s', to_char(m, 'YYYY_MM'))) is null then
            begin
                execute format('create table %I partition of usage_event for values from (%L) to (%L)',
                        'usage_event_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
            exception when others then
                raise warning 'usage_event: no partition for % (%)', to_char(m, 'YYYY-MM'), sqlerrm;
            end;
        end if;
        m := (m + interval '1 month')::date;
    end loop;
end;
$$;
