-- Single sign-on (OpenID Connect): accounts made at a person's first sign-in through the identity provider are
-- linked to it by issuer and subject (never by user name, so the provider cannot take over a local account), the
-- admin's mapping from the provider's groups or roles to Baton's roles, and whether local passwords still sign in.
alter table account add column oidc_issuer text;
alter table account add column oidc_subject text;
alter table account add constraint account_oidc_link check ((oidc_issuer is null) = (oidc_subject is null));
create unique index account_oidc_key on account (oidc_issuer, oidc_subject) where oidc_subject is not null;

create table sso_role_mapping (
    claim_value text        primary key check (length(claim_value) between 1 and 200),
    role        text        not null check (role in ('REP', 'MARKETER', 'TRAINER', 'ADMIN', 'REVIEWER')),
    created_at  timestamptz not null default now()
);

-- one row: 'ALL' lets every local account sign in with its password, 'ADMINS' only local admins (break-glass);
-- default_role is given to a person whose groups map to no role (null: such a person may not sign in)
create table sso_settings (
    id            boolean     primary key default true check (id),
    local_sign_in text        not null default 'ALL' check (local_sign_in in ('ALL', 'ADMINS')),
    default_role  text        check (default_role in ('REP', 'MARKETER', 'TRAINER', 'ADMIN', 'REVIEWER')),
    updated_at    timestamptz not null default now()
);
insert into sso_settings (id, local_sign_in, default_role) values (true, 'ALL', 'REP');

-- switching local sign-in off ends every node's trust in the HTTP Basic sign-ins it verified (baton.login.token-cache)
create trigger sso_settings_notify after update on sso_settings
    for each statement execute function accounts_notify();
