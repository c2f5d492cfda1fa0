-- Teams (issue 15, point 2): admins group users into teams; reports show figures by team and packs name teams as
-- their audience. A user may be in several teams or none. The accounts package owns both tables.
create table team (
    id         bigint generated always as identity primary key,
    name       text        not null check (length(name) between 1 and 100),
    created_at timestamptz not null default now()
);
-- names are unique regardless of case ("Enterprise" and "enterprise" would confuse everyone reading a report)
create unique index team_name_idx on team (lower(name));

create table team_member (
    team_id    bigint not null references team (id) on delete cascade,
    account_id bigint not null references account (id) on delete cascade,
    primary key (team_id, account_id)
);
create index team_member_account_idx on team_member (account_id);
