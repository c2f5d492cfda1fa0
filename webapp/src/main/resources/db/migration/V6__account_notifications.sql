-- Every node trusts an API token it verified for a few seconds (baton.login.token-cache) and listens on this channel
-- to stop trusting at once when an account or a token changes, whichever node or tool changed it. Only the columns
-- a verified token depends on fire it: marking a token used (last_used_at) does not.
create or replace function accounts_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('baton_accounts', '');
    return null;
end;
$$;
create trigger account_notify after update of username, display_name, role, enabled or delete on account
    for each statement execute function accounts_notify();
create trigger api_token_notify after update of token_hash, account_id, revoked_at or delete on api_token
    for each statement execute function accounts_notify();
