-- The joint scorecard (issue 14, point 8): one set of figures sales and marketing both own, each with a written
-- definition both teams read beside it. The figures themselves are computed from their owners' data; what is kept
-- here is each figure's definition, which admins edit as they edit the taxonomy's (every change audited).
create table scorecard_definition (
    key        text primary key check (key ~ '^[a-z_]{1,40}$'),
    position   int         not null unique,
    definition text        not null check (length(btrim(definition)) between 1 and 2000),
    updated_by text        not null default 'baton',
    updated_at timestamptz not null default now()
);

insert into scorecard_definition (key, position, definition) values
    ('library_used', 1,
     'Published assets that anyone but their owner viewed, previewed, downloaded or shared in the period, out of '
     || 'the assets published by the period''s end that are published now. The same figure as the unused-content '
     || 'report''s "share of the library used".'),
    ('influenced_win_rate', 2,
     'Deals decided in the period where an asset was shared or used (recorded with the deal) before the decision: '
     || 'how many of them were won. An association, not a cause: no rate below the influence report''s minimum '
     || 'sample of decided deals.'),
    ('shares_per_rep_week', 3,
     'Share links made in the period by reps, divided by the active reps (reps who viewed, previewed, downloaded '
     || 'or shared any asset in the period) and by the weeks in the period.'),
    ('buyer_engagement', 4,
     'Share links made in the period that a buyer has opened in a verified (human) visit, out of all links made in '
     || 'the period. Link scanners and automated browsers do not count as visits.'),
    ('search_success', 5,
     'Searches in the period (first pages of results, with words typed) of which the searcher opened at least one '
     || 'result, out of all such searches.'),
    ('requests_opened', 6,
     'Content requests asked for in the period (a duplicate merged into an open request is not a new one).'),
    ('requests_fulfilled', 7,
     'Content requests marked fulfilled in the period.'),
    ('median_days_to_fulfil', 8,
     'For the requests fulfilled in the period: the median time from the request to its fulfilment, in days.'),
    ('service_level', 9,
     'Content requests due in the period (due date passed, or answered already) that were fulfilled or declined '
     || 'by their due date, out of all of them. The due date comes from the service level admins set.'),
    ('average_rating', 10,
     'The average of the 1-5 ratings reps gave assets in the period (a person''s latest rating of an asset, dated '
     || 'when they gave it).'),
    ('open_flags', 11,
     'Flags on assets (outdated, wrong stage, factual error, missing information, broken file) not yet answered '
     || 'at the end of the period.');
