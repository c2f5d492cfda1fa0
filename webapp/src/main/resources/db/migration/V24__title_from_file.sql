-- An asset uploaded without a title is named after its file ("k8s-guide-v1") until its text is extracted; when the
-- document carries a title of its own, that becomes the asset's title. A title a marketer gave always stays: this
-- flag says the title is still the one made from the file name.
alter table asset add column title_from_file boolean not null default false;
