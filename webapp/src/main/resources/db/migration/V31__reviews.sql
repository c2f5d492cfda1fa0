-- Review before publish (issue 20; the reviews package owns the review_* tables). Admins say which assets need
-- review (all, a content type, a tag) and who reviews them (the new Reviewer role and/or named people, N approvals);
-- marketers submit a version with a note; reviewers approve or request changes; an approval may lapse on a date.

-- The fifth role: reviewers read what they review and decide, nothing else (accounts' table).
alter table account drop constraint account_role_check;
alter table account add constraint account_role_check
    check (role in ('REP', 'MARKETER', 'TRAINER', 'ADMIN', 'REVIEWER'));

-- The day the approval of an asset's current version lapses (content's table, written through content's API by the
-- reviews package): from that day reps no longer see the asset, as if it had expired.
alter table asset add column approval_expires_on date;

create table review_rule (
    id                 bigint generated always as identity primary key,
    scope              text        not null check (scope in ('ALL', 'CONTENT_TYPE', 'TAG')),
    -- the content type's key or the tag; empty for ALL
    value              text        not null default '' check (length(value) <= 100),
    reviewer_role      boolean     not null,
    approvals_required int         not null default 1 check (approvals_required between 1 and 10),
    -- approvals under this rule lapse after so many days unless the reviewer gives an earlier date; null: never
    valid_days         int check (valid_days between 1 and 3650),
    created_by         bigint      not null references account (id),
    created_at         timestamptz not null default now(),
    check ((scope = 'ALL') = (value = ''))
);

-- The people a rule names as its reviewers (beside, or instead of, everyone with the Reviewer role).
create table review_rule_reviewer (
    rule_id    bigint not null references review_rule (id) on delete cascade,
    account_id bigint not null references account (id) on delete cascade,
    primary key (rule_id, account_id)
);

-- A version of an asset submitted for review. OPEN until enough approvals under every rule that applies, or a
-- reviewer asks for changes, or the submitter withdraws it, or a later submission of the asset replaces it.
create table review (
    id                 bigint generated always as identity primary key,
    asset_id           uuid        not null references asset (id) on delete cascade,
    version            int         not null,
    state              text        not null default 'OPEN'
        check (state in ('OPEN', 'APPROVED', 'CHANGES_REQUESTED', 'WITHDRAWN', 'SUPERSEDED')),
    note               text        not null default '' check (length(note) <= 2000),
    submitted_by       bigint      not null references account (id),
    submitted_at       timestamptz not null default now(),
    decided_at         timestamptz,
    -- the rules that applied when it was submitted, as text for the record ("all assets: 2 approvals, ...")
    rules              text        not null default '',
    expires_on         date,
    -- when the owner was told the approval lapses within 30 days
    expiry_notified_at timestamptz
);
create unique index review_open_key on review (asset_id) where state = 'OPEN';
create index review_asset_idx on review (asset_id, version);
create index review_expiring_idx on review (expires_on) where state = 'APPROVED' and expiry_notified_at is null;

-- Every reviewer's decision on a review.
create table review_decision (
    id          bigint generated always as identity primary key,
    review_id   bigint      not null references review (id) on delete cascade,
    reviewer_id bigint      not null references account (id),
    decision    text        not null check (decision in ('APPROVED', 'CHANGES_REQUESTED')),
    comment     text        not null default '' check (length(comment) <= 4000),
    expires_on  date,
    decided_at  timestamptz not null default now(),
    unique (review_id, reviewer_id)
);
