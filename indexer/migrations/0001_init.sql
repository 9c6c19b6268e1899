-- Gongzhi indexer schema, version 1. Runs unchanged on SQLite (3.35+) and PostgreSQL (12+):
-- integers are BIGINT, text is TEXT, booleans are BIGINT 0/1, no engine-specific types.
-- Account columns hold SS58 addresses (prefix 42); hashes are 0x-prefixed lower-case hex.
-- `day` is the calendar day (YYYY-MM-DD) and `hour` the hour (0-23) of the block's timestamp in
-- Asia/Shanghai time (UTC+8); both are NULL when the block has no timestamp (genesis).

-- Facts about the indexed chain (its genesis hash), to refuse indexing another chain into it.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The last finalized block written; one row (id = 1), updated in the block's transaction.
CREATE TABLE cursor (
    id BIGINT PRIMARY KEY,
    block_number BIGINT NOT NULL,
    block_hash TEXT NOT NULL
);

-- Every finalized block, from genesis on.
CREATE TABLE blocks (
    number BIGINT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    parent_hash TEXT NOT NULL,
    timestamp_ms BIGINT,
    day TEXT,
    hour BIGINT,
    spec_version BIGINT NOT NULL,
    event_count BIGINT NOT NULL,
    indexed_at BIGINT NOT NULL
);

-- Every event of the Gongzhi pallets, decoded with the metadata of its block's runtime.
CREATE TABLE events (
    block_number BIGINT NOT NULL,
    block_hash TEXT NOT NULL,
    event_index BIGINT NOT NULL,
    phase TEXT NOT NULL,
    extrinsic_index BIGINT,
    pallet TEXT NOT NULL,
    variant TEXT NOT NULL,
    fields TEXT NOT NULL,
    mapping_error TEXT,
    PRIMARY KEY (block_hash, event_index)
);
CREATE INDEX events_by_number ON events (block_number, event_index);
CREATE INDEX events_by_name ON events (pallet, variant);

-- NeedsSurvey: one row per survey.
CREATE TABLE surveys (
    survey BIGINT PRIMARY KEY,
    title TEXT,
    scope_kind TEXT NOT NULL,
    scope_id BIGINT NOT NULL,
    creator TEXT NOT NULL,
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    created_block BIGINT NOT NULL,
    status TEXT NOT NULL,
    responses BIGINT NOT NULL,
    amendments BIGINT NOT NULL,
    eligible BIGINT,
    turnout_ppm BIGINT,
    closed_block BIGINT,
    cancelled_block BIGINT,
    reaped BIGINT NOT NULL
);

-- NeedsSurvey: one row per response or amendment (kind 'submitted' | 'amended').
CREATE TABLE survey_responses (
    block_hash TEXT NOT NULL,
    event_index BIGINT NOT NULL,
    block_number BIGINT NOT NULL,
    day TEXT,
    survey BIGINT NOT NULL,
    resident BIGINT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (block_hash, event_index)
);
CREATE INDEX survey_responses_by_survey ON survey_responses (survey, block_number);

-- Procurement: one row per project.
CREATE TABLE projects (
    project BIGINT PRIMARY KEY,
    title TEXT,
    office BIGINT NOT NULL,
    scope_kind TEXT NOT NULL,
    scope_id BIGINT NOT NULL,
    budget BIGINT NOT NULL,
    eligible BIGINT NOT NULL,
    created_block BIGINT NOT NULL,
    status TEXT NOT NULL,
    cancel_reason TEXT,
    closed_block BIGINT,
    bids_submitted BIGINT NOT NULL,
    ballots_cast BIGINT NOT NULL,
    ballots_changed BIGINT NOT NULL,
    ballots_committed BIGINT NOT NULL,
    ballots_revealed BIGINT NOT NULL,
    ballots_reaped BIGINT NOT NULL
);

-- Procurement: one row per bid (status 'submitted' | 'withdrawn' | 'disqualified' | 'awarded').
CREATE TABLE bids (
    project BIGINT NOT NULL,
    bid BIGINT NOT NULL,
    provider TEXT NOT NULL,
    price BIGINT NOT NULL,
    submitted_block BIGINT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    changed_block BIGINT,
    PRIMARY KEY (project, bid)
);
CREATE INDEX bids_by_provider ON bids (provider);

-- Procurement: one row per ballot event (kind 'cast' | 'committed' | 'revealed').
CREATE TABLE ballots (
    block_hash TEXT NOT NULL,
    event_index BIGINT NOT NULL,
    block_number BIGINT NOT NULL,
    project BIGINT NOT NULL,
    resident BIGINT NOT NULL,
    kind TEXT NOT NULL,
    bid BIGINT,
    previous BIGINT,
    commitment TEXT,
    relayer TEXT,
    PRIMARY KEY (block_hash, event_index)
);
CREATE INDEX ballots_by_project ON ballots (project, block_number);

-- Procurement: each resident's standing choice (last open ballot, or the revealed one).
CREATE TABLE ballot_choices (
    project BIGINT NOT NULL,
    resident BIGINT NOT NULL,
    bid BIGINT NOT NULL,
    block_number BIGINT NOT NULL,
    PRIMARY KEY (project, resident)
);

-- Procurement: ballots per bid, from the standing choices.
CREATE VIEW ballot_counts AS
SELECT project, bid, CAST(COUNT(*) AS BIGINT) AS ballots
FROM ballot_choices
GROUP BY project, bid;

-- Procurement: the result at close (outcome 'awarded' | 'failed').
CREATE TABLE tallies (
    project BIGINT PRIMARY KEY,
    block_number BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    bid BIGINT,
    provider TEXT,
    price BIGINT,
    votes BIGINT,
    counted BIGINT NOT NULL,
    eligible BIGINT,
    failure_reason TEXT
);

-- Vouchers: one row per programme, with running counts.
CREATE TABLE programmes (
    programme BIGINT PRIMARY KEY,
    service_name TEXT,
    office BIGINT NOT NULL,
    scope_kind TEXT NOT NULL,
    scope_id BIGINT NOT NULL,
    project BIGINT,
    unit_value BIGINT NOT NULL,
    limit_kind TEXT NOT NULL,
    limit_count BIGINT NOT NULL,
    allocation TEXT NOT NULL,
    supply BIGINT NOT NULL,
    created_block BIGINT NOT NULL,
    claimed BIGINT NOT NULL,
    issued BIGINT NOT NULL,
    redeemed BIGINT NOT NULL,
    confirmed BIGINT NOT NULL,
    cancelled BIGINT NOT NULL,
    expired BIGINT NOT NULL,
    settled_count BIGINT NOT NULL,
    settled_amount BIGINT NOT NULL,
    deposit_released TEXT
);

-- Vouchers: one row per voucher claimed by a resident or issued by the office.
CREATE TABLE claims (
    block_hash TEXT NOT NULL,
    event_index BIGINT NOT NULL,
    block_number BIGINT NOT NULL,
    day TEXT,
    voucher BIGINT NOT NULL,
    programme BIGINT NOT NULL,
    resident BIGINT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (block_hash, event_index)
);
CREATE INDEX claims_by_voucher ON claims (voucher);
CREATE INDEX claims_by_programme ON claims (programme, block_number);

-- Vouchers: one row per redemption (status 'redeemed' | 'confirmed' | 'cancelled').
CREATE TABLE redemptions (
    redemption BIGINT PRIMARY KEY,
    voucher BIGINT NOT NULL,
    programme BIGINT,
    resident BIGINT NOT NULL,
    provider TEXT NOT NULL,
    offline BIGINT NOT NULL,
    block_number BIGINT NOT NULL,
    timestamp_ms BIGINT,
    day TEXT,
    hour BIGINT,
    status TEXT NOT NULL,
    confirmed_block BIGINT,
    service_record TEXT,
    cancelled_block BIGINT
);
CREATE INDEX redemptions_by_provider ON redemptions (provider, day);
CREATE INDEX redemptions_by_programme ON redemptions (programme, provider, day);

-- Vouchers: one row per settlement paid to a provider.
CREATE TABLE settlements (
    settlement BIGINT PRIMARY KEY,
    office BIGINT NOT NULL,
    programme BIGINT NOT NULL,
    provider TEXT NOT NULL,
    count BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    payment_reference TEXT NOT NULL,
    block_number BIGINT NOT NULL,
    day TEXT
);
CREATE INDEX settlements_by_provider ON settlements (provider);

-- Satisfaction: one row per rating (appeal NULL | 'lodged' | 'uphold' | 'reject').
CREATE TABLE ratings (
    block_hash TEXT NOT NULL,
    event_index BIGINT NOT NULL,
    block_number BIGINT NOT NULL,
    day TEXT,
    redemption BIGINT NOT NULL,
    resident BIGINT NOT NULL,
    provider TEXT NOT NULL,
    programme BIGINT NOT NULL,
    score BIGINT NOT NULL,
    comment TEXT,
    appeal TEXT,
    appeal_reason TEXT,
    appeal_office BIGINT,
    PRIMARY KEY (block_hash, event_index)
);
CREATE INDEX ratings_by_provider ON ratings (provider, day);
CREATE INDEX ratings_by_redemption ON ratings (redemption);

-- Satisfaction: one row per case (status 'open' | 'responded' | 'overdue' | 'closed').
CREATE TABLE cases (
    case_id BIGINT PRIMARY KEY,
    provider TEXT NOT NULL,
    deadline BIGINT NOT NULL,
    opened_block BIGINT NOT NULL,
    opened_day TEXT,
    status TEXT NOT NULL,
    response TEXT,
    responded_block BIGINT,
    responded_late BIGINT,
    overdue_block BIGINT,
    office BIGINT,
    outcome TEXT,
    closed_late BIGINT,
    closed_block BIGINT
);
CREATE INDEX cases_by_provider ON cases (provider);

-- Per provider, all time. Ratings struck by an upheld appeal leave the scorecard, as on chain.
CREATE VIEW provider_scorecard AS
SELECT p.provider AS provider,
    (SELECT CAST(COUNT(*) AS BIGINT) FROM redemptions r WHERE r.provider = p.provider) AS redemptions,
    (SELECT CAST(COUNT(*) AS BIGINT) FROM redemptions r WHERE r.provider = p.provider AND r.status = 'confirmed') AS confirmed,
    (SELECT CAST(COUNT(*) AS BIGINT) FROM redemptions r WHERE r.provider = p.provider AND r.status = 'cancelled') AS cancelled,
    (SELECT CAST(COUNT(*) AS BIGINT) FROM ratings g WHERE g.provider = p.provider AND COALESCE(g.appeal, '') <> 'uphold') AS ratings,
    (SELECT CAST(AVG(CAST(g.score AS DOUBLE PRECISION)) AS DOUBLE PRECISION) FROM ratings g WHERE g.provider = p.provider AND COALESCE(g.appeal, '') <> 'uphold') AS average_score,
    (SELECT CAST(COUNT(*) AS BIGINT) FROM ratings g WHERE g.provider = p.provider AND g.appeal = 'uphold') AS ratings_struck,
    (SELECT CAST(COUNT(*) AS BIGINT) FROM cases c WHERE c.provider = p.provider) AS cases_opened,
    (SELECT CAST(COUNT(*) AS BIGINT) FROM cases c WHERE c.provider = p.provider AND c.overdue_block IS NOT NULL) AS cases_overdue,
    (SELECT CAST(COUNT(*) AS BIGINT) FROM cases c WHERE c.provider = p.provider AND c.status = 'closed') AS cases_closed,
    (SELECT CAST(COUNT(*) AS BIGINT) FROM bids b WHERE b.provider = p.provider) AS bids,
    (SELECT CAST(COUNT(*) AS BIGINT) FROM bids b WHERE b.provider = p.provider AND b.status = 'awarded') AS awards,
    (SELECT CAST(COALESCE(SUM(s.amount), 0) AS BIGINT) FROM settlements s WHERE s.provider = p.provider) AS settled_amount
FROM (
    SELECT provider FROM redemptions
    UNION SELECT provider FROM ratings
    UNION SELECT provider FROM cases
    UNION SELECT provider FROM bids
    UNION SELECT provider FROM settlements
) p;

-- Per provider and day (Asia/Shanghai): the scorecard over time.
CREATE VIEW provider_daily AS
SELECT x.provider AS provider, x.day AS day,
    CAST(SUM(x.redeemed) AS BIGINT) AS redemptions,
    CAST(SUM(x.rated) AS BIGINT) AS ratings,
    CAST(SUM(x.score) AS BIGINT) AS score_sum,
    CAST(SUM(x.score) AS DOUBLE PRECISION) / NULLIF(CAST(SUM(x.rated) AS DOUBLE PRECISION), 0) AS average_score,
    CAST(SUM(x.opened) AS BIGINT) AS cases_opened
FROM (
    SELECT provider, day, CAST(1 AS BIGINT) AS redeemed, CAST(0 AS BIGINT) AS rated, CAST(0 AS BIGINT) AS score, CAST(0 AS BIGINT) AS opened FROM redemptions
    UNION ALL SELECT provider, day, 0, 1, score, 0 FROM ratings WHERE COALESCE(appeal, '') <> 'uphold'
    UNION ALL SELECT provider, opened_day, 0, 0, 0, 1 FROM cases
) x
WHERE x.day IS NOT NULL
GROUP BY x.provider, x.day;
