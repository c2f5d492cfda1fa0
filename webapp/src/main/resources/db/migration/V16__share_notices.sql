-- What the superseded-link guardian told a link's owner (sharing owns it): one row per link item and
-- SUPERSEDED version (the asset's version the rep was told of), or per item and withdrawal (version 0; the row is
-- removed when the asset can be shared again, so a later withdrawal is told again).
create table share_notice (
    share_id    bigint      not null references share (id) on delete cascade,
    position    int         not null,
    kind        text        not null check (kind in ('SUPERSEDED', 'WITHDRAWN')),
    version     int         not null,
    notified_at timestamptz not null,
    primary key (share_id, position, kind, version)
);
