-- A pack's stage and product become taxonomy values (issue 15): the stage a value of the buyer_stage facet, the
-- product one of the product facet, kept by key in the pack's JSON (the draft in pack.draft, each published version in
-- pack_version.content). What packs said as free text before is mapped to the value whose key or label it is (in any
-- case, spaces around ignored; a key wins over another value's label, as Taxonomy.keyOf does); anything else becomes
-- null. The launch stays free text.

create or replace function pg_temp.pack_value(facet text, given text) returns jsonb language sql stable as $$
    select coalesce(to_jsonb((
        select v.key from taxonomy_value v
        where v.facet_key = facet
          and (lower(v.key) = lower(btrim(given)) or lower(btrim(v.label)) = lower(btrim(given)))
        order by (v.key = btrim(given)) desc, (lower(v.key) = lower(btrim(given))) desc, v.position, v.id
        limit 1)), 'null'::jsonb)
$$;

update pack
set draft = jsonb_set(jsonb_set(draft, '{stage}', pg_temp.pack_value('buyer_stage', draft ->> 'stage')),
                      '{product}', pg_temp.pack_value('product', draft ->> 'product'))
where draft is not null and jsonb_typeof(draft) = 'object';

update pack_version
set content = jsonb_set(jsonb_set(content, '{stage}', pg_temp.pack_value('buyer_stage', content ->> 'stage')),
                        '{product}', pg_temp.pack_value('product', content ->> 'product'))
where jsonb_typeof(content) = 'object';
