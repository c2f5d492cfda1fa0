-- Word documents (DOCX) get a thumbnail since this release (their first page, as the page images lay it out); before,
-- their versions were marked as having none. Mark those versions pending so the derived-work worker draws them.
update asset_version
   set thumbnail_status = 'PENDING', thumbnail_reason = null
 where thumbnail_status = 'NONE'
   and media_type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
