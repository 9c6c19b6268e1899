-- Retention (清理): every call that removed per-resident records after their retention period,
-- one row per event. The index keeps its own rows of what was removed (the chain keeps only the
-- aggregates): this table says when the chain let go of them, and how many.
-- kind: 'responses' (survey), 'ballots' (project), 'vouchers' and 'ratings' (programme),
-- 'daily_counts' (provider); item: the survey, project or programme number, or the provider.
CREATE TABLE reapings (
    block_hash TEXT NOT NULL,
    event_index BIGINT NOT NULL,
    block_number BIGINT NOT NULL,
    day TEXT,
    kind TEXT NOT NULL,
    item TEXT NOT NULL,
    removed BIGINT NOT NULL,
    PRIMARY KEY (block_hash, event_index)
);
CREATE INDEX reapings_by_item ON reapings (kind, item);

-- What a programme's reaping calls removed from the chain's state (vouchers with their
-- redemption links; ratings with their closed cases).
ALTER TABLE programmes ADD COLUMN vouchers_reaped BIGINT NOT NULL DEFAULT 0;
ALTER TABLE programmes ADD COLUMN ratings_reaped BIGINT NOT NULL DEFAULT 0;
