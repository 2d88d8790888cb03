-- Settings the cluster keeps for itself, such as the generated owner secret; shaped like the map tables, as it holds
-- a map too (docparser.settings).
CREATE TABLE docparser_settings (
  id VARCHAR(64) PRIMARY KEY,
  body TEXT NOT NULL,
  expires_at BIGINT,
  stored_at BIGINT
);
