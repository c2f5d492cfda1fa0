-- Review before publish (issue 20): which versions of an asset may reach a buyer through a link pinned to a version.
-- A version is live from the first moment it is the current version of a published asset (content's table). A
-- version held for review, sent back for changes or never published has none, and is never served to a buyer.
alter table asset_version add column if not exists live_at timestamptz;

-- When the latest review decision on the version asked for changes (set by the reviews package through content's
-- API; an approval clears it): from then no link serves the version to a buyer, even one that was live.
alter table asset_version add column if not exists sent_back_at timestamptz;
update asset_version v set sent_back_at = r.decided_at
from (select distinct on (asset_id, version) asset_id, version, state, decided_at from review
      where state in ('APPROVED', 'CHANGES_REQUESTED') order by asset_id, version, decided_at desc) r
where r.asset_id = v.asset_id and r.version = v.version and r.state = 'CHANGES_REQUESTED'
  and v.sent_back_at is null;

-- What happened before this column, as far as the rows tell. A version was live only if it was the current version
-- while the asset was published: it became current when it was uploaded, or, when it was held for review (an
-- 'asset.version-held' audit row), when its first approval promoted it (a held version never approved was never
-- current); it stopped being current when a later version became current. The asset was published from its
-- published_at on, except while archived (audit rows 'asset.archived' to 'asset.restored'). An asset that went back
-- to draft did so at a time no row records: of its versions only the one current at its first publication counts.
-- Where the rows leave doubt the version gets no live_at: a link cannot pin it (compliance prefers refusing). Only
-- versions without a live_at are touched, so running it again changes nothing the application marked.
with held as (
    select distinct cast(e.target as uuid) as asset_id,
           cast(substring(e.detail from '^version ([0-9]+) ') as int) as version
    from audit_event e
    where e.action = 'asset.version-held'
      and e.target ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      and e.detail ~ '^version [0-9]+ '
),
became_current as (
    select v.asset_id, v.version,
           case when h.asset_id is null then v.created_at
                else (select min(r.decided_at) from review r where r.asset_id = v.asset_id
                      and r.version = v.version and r.state = 'APPROVED') end as since
    from asset_version v
    join asset a on a.id = v.asset_id
    left join held h on h.asset_id = v.asset_id and h.version = v.version
    where v.version <= a.current_version
),
spans as (
    select c.asset_id, c.version, c.since,
           (select min(n.since) from became_current n where n.asset_id = c.asset_id and n.version > c.version)
               as until
    from became_current c
    where c.since is not null
      -- an approval after a later version was already current promoted nothing
      and not exists (select 1 from became_current n where n.asset_id = c.asset_id and n.version > c.version
                      and n.since <= c.since)
),
archived as (
    select cast(e.target as uuid) as asset_id, e.occurred_at as from_at,
           (select min(r.occurred_at) from audit_event r where r.action = 'asset.restored' and r.target = e.target
            and r.occurred_at > e.occurred_at) as to_at
    from audit_event e
    where e.action = 'asset.archived'
      and e.target ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
),
live as (
    select s.asset_id, s.version, greatest(s.since, a.published_at) as went_live, s.until
    from spans s
    join asset a on a.id = s.asset_id
    where a.published_at is not null
      and (s.until is null or s.until > a.published_at)
      and (s.since <= a.published_at
           or ((a.status = 'PUBLISHED' or a.archived_from = 'PUBLISHED')
               and not exists (select 1 from archived x where x.asset_id = s.asset_id
                               and x.from_at <= greatest(s.since, a.published_at)
                               and (x.to_at is null or (s.until is not null and x.to_at >= s.until)))))
)
update asset_version v
set live_at = coalesce((select max(x.to_at) from archived x where x.asset_id = l.asset_id
                        and x.from_at <= l.went_live and x.to_at > l.went_live), l.went_live)
from live l
where v.asset_id = l.asset_id and v.version = l.version and v.live_at is null;
