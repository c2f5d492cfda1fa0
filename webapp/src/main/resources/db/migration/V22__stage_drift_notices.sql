-- Retagging suggestions told to assets' owners (issue 14, point 9; the reports package owns it): one row per asset,
-- stage facet and suggestion (its tagged stages and the stages suggested), so the same suggestion is told once and a
-- different one (after a retagging, or as deals move) is told again. Assets and accounts are other packages' rows.
create table stage_drift_notice (
    asset_id    uuid        not null,
    stage_facet text        not null,
    signature   text        not null check (length(signature) <= 2000),
    owner_id    bigint      not null references account (id) on delete cascade,
    notified_at timestamptz not null default now(),
    primary key (asset_id, stage_facet, signature)
);
