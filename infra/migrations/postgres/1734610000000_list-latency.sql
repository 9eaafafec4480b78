-- Up Migration

-- A search of expenses ("helios" matches 4,649 of the demo fleet's 39,000) read each match whole
-- through expenses_matching (SETOF expenses: every column, into the function's result store, then
-- again into the list's common table) to count, sum and order them. The list needs only the columns
-- it filters, orders and sums by; its page is then read whole by id. Measured on the demo fleet
-- (search statement, median of 40, as fleetcore_app): the columns alone cost about a third less.
-- The same rule as expenses_matching: inside the caller's organisation (app_org_id(), never an
-- argument), through the trigram indexes that row-level security keeps a LIKE from using.
CREATE FUNCTION expenses_search(pattern text)
RETURNS TABLE (id uuid, vehicle_id uuid, driver_id uuid, category text, currency char(3), spent_on date,
               spent_at timestamptz, amount numeric, org_amount numeric, vendor text)
LANGUAGE sql STABLE SECURITY DEFINER ROWS 500 SET search_path = public, pg_temp AS
$$ SELECT id, vehicle_id, driver_id, category, currency, spent_on, spent_at, amount, org_amount, vendor
   FROM expenses
   WHERE org_id = (SELECT app_org_id())
     AND (vendor_lower LIKE lower(pattern) OR description_lower LIKE lower(pattern)) $$;
REVOKE ALL ON FUNCTION expenses_search(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION expenses_search(text) TO fleetcore_app;

-- The home page's 12 months of expenses read an organisation's daily totals in its currency (2,804
-- rows for the demo fleet), each fetched from the table through its primary key (1,919 buffer hits).
-- This index holds the totals themselves, so the range is read from the index alone: the home
-- statement's fastest of 80 runs 7.2 -> 3.1 ms on the demo fleet. The triggers' upserts of a day's
-- totals now update this index too (expense writes are people's entries: few).
CREATE INDEX expense_days_org_currency_day_idx ON expense_days (org_id, org_currency, day)
  INCLUDE (org_amount, expenses, unconverted);

-- Expense totals by vendor: the count and organisation-currency sum of the expenses of each vendor
-- (lowered, as searched; '' for none) per category and currency, kept by triggers in the same
-- transaction as the expenses (as expense_days). A search's totals were the sum over every match
-- read from the table ("helios": 4,649 rows); a vendor's few rows now answer for all of its expenses.
CREATE TABLE expense_vendors (
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vendor_lower text NOT NULL,
  category text NOT NULL,
  currency char(3) NOT NULL,
  org_currency char(3) NOT NULL,
  -- No CHECK (>= 0) on the counts: ON CONFLICT checks the proposed row (a delta, possibly -1) first.
  expenses integer NOT NULL,
  org_amount numeric(16, 2) NOT NULL,
  unconverted integer NOT NULL,
  PRIMARY KEY (org_id, vendor_lower, category, currency, org_currency)
);
ALTER TABLE expense_vendors ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON expense_vendors
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
-- The API only reads it; the triggers below write it as the table's owner.
GRANT SELECT ON expense_vendors TO fleetcore_app;

-- As expense_days_apply: the statement's new rows added, its old ones taken away, keys in a fixed
-- order, a key emptied of expenses deleted.
CREATE FUNCTION expense_vendors_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  added_rows constant text := 'SELECT org_id, coalesce(vendor_lower, '''') AS vendor_lower, category, currency, org_currency, org_amount, 1 AS sign FROM added';
  removed_rows constant text := 'SELECT org_id, coalesce(vendor_lower, '''') AS vendor_lower, category, currency, org_currency, org_amount, -1 AS sign FROM removed';
BEGIN
  EXECUTE format($sql$
    WITH changes AS (%s), delta AS (
      SELECT org_id, vendor_lower, category, currency, org_currency,
             sum(sign)::int AS expenses,
             coalesce(sum(sign * org_amount), 0) AS org_amount,
             coalesce(sum(sign) FILTER (WHERE org_amount IS NULL), 0)::int AS unconverted
      FROM changes GROUP BY 1, 2, 3, 4, 5
    )
    INSERT INTO expense_vendors AS v (org_id, vendor_lower, category, currency, org_currency, expenses, org_amount, unconverted)
    SELECT * FROM delta WHERE expenses <> 0 OR org_amount <> 0 OR unconverted <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, vendor_lower, category, currency, org_currency) DO UPDATE
      SET expenses = v.expenses + EXCLUDED.expenses,
          org_amount = v.org_amount + EXCLUDED.org_amount,
          unconverted = v.unconverted + EXCLUDED.unconverted$sql$,
    CASE TG_OP
      WHEN 'INSERT' THEN added_rows
      WHEN 'DELETE' THEN removed_rows
      ELSE added_rows || ' UNION ALL ' || removed_rows
    END);
  DELETE FROM expense_vendors WHERE expenses = 0;
  RETURN NULL;
END $$;

CREATE TRIGGER expense_vendors_insert AFTER INSERT ON expenses
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION expense_vendors_apply();
CREATE TRIGGER expense_vendors_update AFTER UPDATE ON expenses
  REFERENCING NEW TABLE AS added OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION expense_vendors_apply();
CREATE TRIGGER expense_vendors_delete AFTER DELETE ON expenses
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION expense_vendors_apply();

INSERT INTO expense_vendors (org_id, vendor_lower, category, currency, org_currency, expenses, org_amount, unconverted)
SELECT org_id, coalesce(vendor_lower, ''), category, currency, org_currency, count(*), coalesce(sum(org_amount), 0),
       count(*) FILTER (WHERE org_amount IS NULL)
FROM expenses GROUP BY 1, 2, 3, 4, 5;

-- The totals of a search (vendor or description contains `pattern`) within a category and a currency
-- (null: any), and the count of all the expenses those two keep (`scope`, for the list to judge how
-- far an ordered scan must read to find a page of matches). Matches by vendor come from
-- expense_vendors; those by description alone (their vendor does not match) from the expenses,
-- through the description's trigram index. Inside the caller's organisation, as expenses_search.
CREATE FUNCTION expense_search_totals(pattern text, only_category text, only_currency text)
RETURNS TABLE (expenses bigint, org_amount numeric, unconverted bigint, scope bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ WITH by_vendor AS (
     SELECT coalesce(sum(v.expenses) FILTER (WHERE v.vendor_lower LIKE lower(pattern)), 0) AS expenses,
            coalesce(sum(v.org_amount) FILTER (WHERE v.vendor_lower LIKE lower(pattern)), 0) AS org_amount,
            coalesce(sum(v.unconverted) FILTER (WHERE v.vendor_lower LIKE lower(pattern)), 0) AS unconverted,
            coalesce(sum(v.expenses), 0) AS scope
     FROM expense_vendors v
     WHERE v.org_id = (SELECT app_org_id())
       AND (only_category IS NULL OR v.category = only_category)
       AND (only_currency IS NULL OR v.currency = only_currency)
   ), by_description AS (
     SELECT count(*) AS expenses, coalesce(sum(e.org_amount), 0) AS org_amount,
            count(*) FILTER (WHERE e.org_amount IS NULL) AS unconverted
     FROM expenses e
     WHERE e.org_id = (SELECT app_org_id())
       AND e.description_lower LIKE lower(pattern)
       AND NOT coalesce(e.vendor_lower LIKE lower(pattern), false)
       AND (only_category IS NULL OR e.category = only_category)
       AND (only_currency IS NULL OR e.currency = only_currency)
   )
   SELECT (v.expenses + d.expenses)::bigint, v.org_amount + d.org_amount, (v.unconverted + d.unconverted)::bigint,
          v.scope::bigint
   FROM by_vendor v, by_description d $$;
REVOKE ALL ON FUNCTION expense_search_totals(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION expense_search_totals(text, text, text) TO fleetcore_app;

-- A page of a FREQUENT search's matches, newest first, read in date order through
-- expenses_org_day_time_idx and stopping at the page's end: the list calls it only when the totals
-- above show that reading so far is short (at most a few thousand rows). The plan is fixed to that
-- ordered read (no sequential or bitmap scan): a generic plan of a LIKE on a parameter cannot tell
-- a frequent pattern from a rare one, and under row-level security the planner may not look at the
-- vendor statistics at all (it chose a full scan and a sort: 52 ms for "helios").
CREATE FUNCTION expenses_search_newest(pattern text, only_category text, only_currency text, n integer, skip integer)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp SET enable_seqscan = off SET enable_bitmapscan = off AS
$$ SELECT id FROM expenses
   WHERE org_id = (SELECT app_org_id())
     AND (vendor_lower LIKE lower(pattern) OR description_lower LIKE lower(pattern))
     AND (only_category IS NULL OR category = only_category)
     AND (only_currency IS NULL OR currency = only_currency)
   ORDER BY spent_on DESC, spent_at DESC, id DESC
   LIMIT n OFFSET skip $$;
REVOKE ALL ON FUNCTION expenses_search_newest(text, text, text, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION expenses_search_newest(text, text, text, integer, integer) TO fleetcore_app;

-- Down Migration
DROP FUNCTION expenses_search_newest(text, text, text, integer, integer);
DROP FUNCTION expense_search_totals(text, text, text);
DROP TRIGGER expense_vendors_delete ON expenses;
DROP TRIGGER expense_vendors_update ON expenses;
DROP TRIGGER expense_vendors_insert ON expenses;
DROP FUNCTION expense_vendors_apply();
DROP TABLE expense_vendors;
DROP INDEX expense_days_org_currency_day_idx;
DROP FUNCTION expenses_search(text);
