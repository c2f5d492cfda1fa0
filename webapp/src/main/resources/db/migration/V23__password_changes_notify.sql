-- HTTP Basic sign-ins are now trusted for a few seconds like API tokens (baton.login.token-cache): a changed password
-- must end that trust on every node at once, as a changed role or a disabled user already does.
drop trigger account_notify on account;
create trigger account_notify after update of username, display_name, role, enabled, password_hash or delete on account
    for each statement execute function accounts_notify();
