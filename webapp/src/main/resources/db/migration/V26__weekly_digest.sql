-- The weekly digest email to marketers and admins who own published assets (package reports).

-- Who turned the digest off (or on again). A person without a row gets it: the digest is on by default.
create table digest_subscription (
    account_id  bigint      primary key references account (id) on delete cascade,
    subscribed  boolean     not null,
    changed_at  timestamptz not null,
    -- 'SETTINGS' (the settings page or the API) or 'UNSUBSCRIBE_LINK' (the link in an email, without signing in)
    changed_by  text        not null check (changed_by in ('SETTINGS', 'UNSUBSCRIBE_LINK'))
);

-- One row per person and digest week, inserted before the email is built: the insert that wins the primary key
-- (insert ... on conflict do nothing) is the only one that sends, so two nodes or a restart never send a week twice.
-- week: the local date of that week's send time (baton.reports.digest.day and .time in .zone).
create table digest_delivery (
    account_id  bigint      not null references account (id) on delete cascade,
    week        date        not null,
    -- SENDING until the email went out (a crash in between loses that one email: at most once), SENT; EMPTY when
    -- there was nothing to tell; NO_ADDRESS when the person has no email address
    outcome     text        not null check (outcome in ('SENDING', 'SENT', 'EMPTY', 'NO_ADDRESS')),
    claimed_at  timestamptz not null,
    sent_at     timestamptz,
    primary key (account_id, week)
);
create index digest_delivery_week_idx on digest_delivery (week);

-- The key that signs unsubscribe links (HMAC-SHA256), made once by the first node that needs it, so links in emails
-- keep working across restarts and on every node.
create table digest_key (
    id          int         primary key check (id = 1),
    secret      bytea       not null check (length(secret) >= 32),
    created_at  timestamptz not null default now()
);
