-- Up Migration
-- What is written on a document besides its file (seed 003 step 4.4): a title ("Comprehensive
-- Insurance Policy"), its number (a licence's "DL-123456789", a policy's) and the day it was issued.
-- The API keeps the issue day on or before the expiry.
ALTER TABLE documents
  ADD COLUMN title text CHECK (title IS NULL OR length(title) BETWEEN 1 AND 200),
  ADD COLUMN number text CHECK (number IS NULL OR length(number) BETWEEN 1 AND 100),
  ADD COLUMN issued_on date;

-- Down Migration
ALTER TABLE documents DROP COLUMN title, DROP COLUMN number, DROP COLUMN issued_on;
