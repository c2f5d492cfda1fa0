-- An outbox row names what changed (entity_type, entity_id); the index makes itself match the database for it. The
-- operation (UPSERT or DELETE) and the payload were written and never read: the database, not the row, says whether
-- an asset still exists. Kinds of rows: 'asset' (an asset id), 'taxonomy_value' ('facet/value': every asset carrying
-- the value), 'search' ('synonyms').
alter table outbox drop column operation, drop column payload;
