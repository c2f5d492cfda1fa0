-- Feedback from reps and content requests both ways (package feedback).
--
-- content_request moves from search to feedback: search keeps writing the search log, feedback owns what reps ask
-- for. Requests get a life cycle (open, in progress, fulfilled with an asset, declined with a reason), an assignee and
-- a due date from the service level admins set; several people can ask for the same thing (requesters), and published
-- assets that may fulfil a request are proposed to marketers to confirm (matches). Existing rows are kept: DONE
-- becomes FULFILLED (without an asset, as it was closed before assets were named).

alter table content_request drop constraint content_request_status_check;
update content_request set status = 'FULFILLED' where status = 'DONE';
alter table content_request add constraint content_request_status_check
    check (status in ('OPEN', 'IN_PROGRESS', 'FULFILLED', 'DECLINED'));

alter table content_request
    add column normalised_query text,
    add column assignee_id     bigint references account (id),
    add column due_on          date,
    add column asset_id        uuid references asset (id) on delete set null,
    add column reason          text not null default '' check (length(reason) <= 2000),
    add column source          text not null default 'SEARCH' check (source in ('SEARCH', 'API', 'GAP')),
    add column updated_at      timestamptz;

-- the same normalisation as search.SearchGaps.normalise: lower case, inner whitespace folded to one space, trimmed
update content_request set
    normalised_query = lower(regexp_replace(btrim(query), '\s+', ' ', 'g')),
    updated_at = coalesce(resolved_at, created_at),
    -- 10 working days (Monday to Friday) after the day it was asked, the default service level
    due_on = (select d::date from generate_series((created_at at time zone 'UTC')::date + 1,
                                                  (created_at at time zone 'UTC')::date + 30, interval '1 day') d
              where extract(isodow from d) < 6 order by d offset 9 limit 1);
alter table content_request
    alter column normalised_query set not null,
    alter column updated_at set not null,
    alter column due_on set not null;
create index content_request_query_idx on content_request (normalised_query) where status in ('OPEN', 'IN_PROGRESS');

-- Everyone who asked for a request's content: the first requester and those whose duplicates were merged into it.
create table content_request_requester (
    request_id bigint      not null references content_request (id) on delete cascade,
    account_id bigint      not null references account (id),
    added_at   timestamptz not null,
    filters    text        not null default '',
    note       text        not null default '' check (length(note) <= 2000),
    primary key (request_id, account_id)
);
insert into content_request_requester (request_id, account_id, added_at, filters, note)
    select id, account_id, created_at, filters, note from content_request;
create index content_request_requester_account_idx on content_request_requester (account_id);

-- A published asset that may fulfil an open request, proposed to marketers, then confirmed or rejected.
create table content_request_match (
    request_id  bigint      not null references content_request (id) on delete cascade,
    asset_id    uuid        not null references asset (id) on delete cascade,
    proposed_at timestamptz not null,
    state       text        not null default 'PROPOSED' check (state in ('PROPOSED', 'CONFIRMED', 'REJECTED')),
    decided_by  bigint references account (id),
    decided_at  timestamptz,
    primary key (request_id, asset_id)
);

-- Settings admins edit: the service level for content requests, in working days.
create table feedback_setting (
    id                 int         primary key check (id = 1),
    service_level_days int         not null default 10 check (service_level_days between 1 and 250),
    updated_by         text        not null default 'baton',
    updated_at         timestamptz not null default now()
);
insert into feedback_setting (id) values (1);

-- A person's 1-5 rating of an asset: one each, the latest counts.
create table asset_rating (
    asset_id   uuid        not null references asset (id) on delete cascade,
    account_id bigint      not null references account (id),
    stars      int         not null check (stars between 1 and 5),
    rated_at   timestamptz not null,
    primary key (asset_id, account_id)
);

-- Comments, flags and "why not shared?" answers on assets, each answerable by a reply the rep sees.
create table asset_feedback (
    id         bigint generated always as identity primary key,
    asset_id   uuid        not null references asset (id) on delete cascade,
    account_id bigint      not null references account (id),
    kind       text        not null check (kind in ('COMMENT', 'FLAG', 'NOT_SHARED')),
    reason     text        not null default '',
    body       text        not null default '' check (length(body) <= 2000),
    created_at timestamptz not null,
    reply      text check (length(reply) <= 2000),
    replied_by bigint references account (id),
    replied_at timestamptz
);
create index asset_feedback_asset_idx on asset_feedback (asset_id, created_at);
create index asset_feedback_open_idx on asset_feedback (created_at) where reply is null and kind <> 'NOT_SHARED';

-- When a rep was asked "why not shared?": at most once a (UTC) day, whatever the asset.
create table not_shared_prompt (
    account_id bigint      not null references account (id),
    day        date        not null,
    asset_id   uuid        not null references asset (id) on delete cascade,
    asked_at   timestamptz not null,
    primary key (account_id, day)
);
