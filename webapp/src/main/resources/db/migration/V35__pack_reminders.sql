-- Pack reminders and nudges (issue 15, point 4 and 6), owned by the packs package.

-- which reminder each person got for a pack: once "due soon" and once "overdue" per due date (a new due date reminds
-- again); a trainer's nudge records "overdue" too
create table pack_reminder (
    pack_id     bigint      not null references pack (id),
    account_id  bigint      not null references account (id),
    due_on      date        not null,
    stage       text        not null check (stage in ('DUE_SOON', 'OVERDUE')),
    reminded_at timestamptz not null,
    primary key (pack_id, account_id, due_on, stage)
);

-- the reminder emails: at most one a day per person, across all packs (the scheduled reminders and trainers'
-- nudges together); the row is claimed before the email goes, so a second node or a restart never sends twice
create table pack_reminder_mail (
    account_id bigint      not null references account (id),
    day        date        not null,
    sent_at    timestamptz not null,
    reason     text        not null check (reason in ('REMINDER', 'NUDGE')),
    primary key (account_id, day)
);
