-- stored_at (epoch milliseconds) lets the sweeper tell a document whose submission failed before its job was
-- written (an orphan) from one whose job is being written right now.
ALTER TABLE docparser_jobs ADD COLUMN stored_at BIGINT;
ALTER TABLE docparser_documents ADD COLUMN stored_at BIGINT;
ALTER TABLE docparser_results ADD COLUMN stored_at BIGINT;
-- Keys are scoped by caller, so they are longer than the 255 characters a client may send.
CREATE TABLE docparser_idempotency_keys (
  id VARCHAR(600) PRIMARY KEY,
  body TEXT NOT NULL,
  expires_at BIGINT,
  stored_at BIGINT
);
CREATE INDEX docparser_idempotency_keys_expires ON docparser_idempotency_keys (expires_at);
