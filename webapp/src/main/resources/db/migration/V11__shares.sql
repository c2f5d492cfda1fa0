-- Tracked share links (issue 13): a rep shares one asset or a room of several with a buyer, optionally for a deal.
-- The token is looked up by its SHA-256; the token itself is kept so its owner can copy the link again later
-- (docs/sharing.md, "Tokens"). Deals and assets are other packages' rows: referenced by id, not by foreign key.
create table share (
    id                bigint generated always as identity primary key,
    token_hash        bytea       not null unique check (length(token_hash) = 32),
    token             text        not null check (length(token) between 22 and 100),
    owner_id          bigint      not null references account (id),
    deal_id           bigint,
    title             text        not null check (length(title) between 1 and 300),
    note              text        not null default '' check (length(note) <= 4000),
    expires_at        timestamptz not null,
    passcode_hash     text,
    passcode_failures int         not null default 0,
    locked_until      timestamptz,
    -- the email gate: null is no gate; an empty array lets any address in
    gate_domains      text[],
    allow_download    boolean     not null default false,
    revoked_at        timestamptz,
    -- the first verified human visit, marked once (notifications and the share.viewed webhook hang on it)
    first_viewed_at   timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index share_owner_idx on share (owner_id, created_at desc);
create index share_deal_idx on share (deal_id) where deal_id is not null;

-- The assets of a link in order (position 1..n); a null version follows the latest.
create table share_item (
    share_id  bigint not null references share (id) on delete cascade,
    position  int    not null check (position between 1 and 50),
    asset_id  uuid   not null,
    version   int check (version >= 1),
    primary key (share_id, position),
    unique (share_id, asset_id)
);
create index share_item_asset_idx on share_item (asset_id);

-- A visit: one visitor's reading of a link; page loads less than 30 minutes apart join the same visit.
-- bot_reason is set for scanners, crawlers and automated browsers: recorded, but kept apart from human visits.
create table share_visit (
    id           bigint generated always as identity primary key,
    share_id     bigint      not null references share (id) on delete cascade,
    visitor      text        not null check (length(visitor) between 1 and 100),
    email        text check (length(email) <= 320),
    started_at   timestamptz not null,
    last_seen_at timestamptz not null,
    millis       bigint      not null default 0,
    downloads    int         not null default 0,
    bot_reason   text,
    verified_at  timestamptz
);
create index share_visit_share_idx on share_visit (share_id, visitor, last_seen_at desc);

-- One page load of the viewer (after its gates): the key its URLs carry, its email, and how it was classified.
-- A load that never sends a beacon (no JavaScript, a link scanner) keeps visit_id null.
create table share_access (
    id          bigint generated always as identity primary key,
    share_id    bigint      not null references share (id) on delete cascade,
    key_hash    bytea       not null unique check (length(key_hash) = 32),
    email       text check (length(email) <= 320),
    user_agent  text check (length(user_agent) <= 500),
    bot_reason  text,
    visit_id    bigint references share_visit (id) on delete cascade,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);
create index share_access_share_idx on share_access (share_id, created_at desc);

-- Beacons seen, so a repeated one counts once.
create table share_beacon (
    access_id bigint not null references share_access (id) on delete cascade,
    seq       int    not null,
    primary key (access_id, seq)
);

-- Time per page of each visit, summed over its beacons: the page-by-page strip.
create table share_visit_page (
    visit_id bigint not null references share_visit (id) on delete cascade,
    position int    not null,
    page     int    not null check (page >= 1),
    millis   bigint not null default 0,
    primary key (visit_id, position, page)
);
