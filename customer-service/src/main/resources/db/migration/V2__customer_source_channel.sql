ALTER TABLE customer ADD COLUMN source_channel VARCHAR(32);
