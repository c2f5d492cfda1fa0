-- Review before publish (issue 20): which versions of an asset may reach a buyer through a link pinned to a version.
-- A version is live from the first moment it is the current version of a published asset (content's table). A
-- version held for review, sent back for changes or never published has none, and is never served to a buyer.
alter table asset_version add column live_at timestamptz;

-- What happened before this column, as far as the rows tell: the versions up to the current one of an asset that
-- was published once, except versions that were submitted for review and never approved (held, sent back,
-- withdrawn) and the current version of an asset back to draft.
update asset_version v set live_at = greatest(v.created_at, a.published_at)
from asset a
where a.id = v.asset_id
  and a.published_at is not null
  and v.version <= a.current_version
  and ((v.version = a.current_version and a.status <> 'DRAFT')
       or (v.version < a.current_version
           and (not exists (select 1 from review r where r.asset_id = v.asset_id and r.version = v.version)
                or exists (select 1 from review r where r.asset_id = v.asset_id and r.version = v.version
                           and r.state = 'APPROVED'))));
