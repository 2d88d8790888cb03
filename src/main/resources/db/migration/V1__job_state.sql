-- expires_at is epoch milliseconds; NULL means the row never expires (queued and running jobs, documents).
CREATE TABLE docparser_jobs (
  id VARCHAR(64) PRIMARY KEY,
  body TEXT NOT NULL,
  expires_at BIGINT
);
CREATE TABLE docparser_documents (
  id VARCHAR(80) PRIMARY KEY,
  body BYTEA NOT NULL,
  expires_at BIGINT
);
CREATE TABLE docparser_results (
  id VARCHAR(64) PRIMARY KEY,
  body TEXT NOT NULL,
  expires_at BIGINT
);
CREATE INDEX docparser_jobs_expires ON docparser_jobs (expires_at);
CREATE INDEX docparser_documents_expires ON docparser_documents (expires_at);
CREATE INDEX docparser_results_expires ON docparser_results (expires_at);
