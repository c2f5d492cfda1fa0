-- An admin may reset a user's password to a temporary one that the user must replace at their next sign-in.
alter table account add column password_must_change boolean not null default false;
