-- TRUNCATE fires no row or statement triggers of V7: empty the funnel's counters with the leads.
CREATE FUNCTION lead_funnel_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE lead_funnel_count, lead_funnel_delta;
    RETURN NULL;
END
$$;

CREATE TRIGGER lead_funnel_truncate AFTER TRUNCATE ON lead
    FOR EACH STATEMENT EXECUTE FUNCTION lead_funnel_truncated();
