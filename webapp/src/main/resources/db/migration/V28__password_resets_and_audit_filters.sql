-- An admin may reset a user's password to a temporary one that the user must replace at their next sign-in.
alter table account add column password_must_change boolean not null default false;

-- The audit log's page filters by actor (a user name, in any case) and by action, newest first.
create index audit_event_actor_idx on audit_event (lower(actor), id desc);
create index audit_event_action_idx on audit_event (action, id desc);
