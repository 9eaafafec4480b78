-- Up Migration

-- Organisation names are unique in an installation, whatever their letter case: the API checks
-- before it writes, and this index decides between two writes racing to the same name.
CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));

-- Down Migration
DROP INDEX organisations_name_key;
