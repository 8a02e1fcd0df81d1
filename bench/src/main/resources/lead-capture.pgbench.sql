-- The database work of one lead capture by a consultant (LeadDesk.capture): the fold check for
-- an open lead of the customer and model, the lead, its assignment, and two outbox events
-- (captured, assigned), in one transaction. (A volatile function straight in the WHERE would make
-- PostgreSQL evaluate it per row and scan every lead: hence the sub-select.)
BEGIN;
SELECT id FROM lead WHERE customer_id = (SELECT gen_random_uuid()) AND store_id = 'store-bench' AND coalesce(model, '') = ''
  AND stage NOT IN ('DELIVERED', 'DEFEATED') AND created_at >= now() - interval '30 days' ORDER BY created_at DESC LIMIT 1;
WITH l AS (
  INSERT INTO lead (id, store_id, customer_id, source, grade, stage, next_due_at, created_at, updated_at, version)
  VALUES (gen_random_uuid(), 'store-bench', gen_random_uuid(), 'SHOWROOM', 'C', 'NEW', now() + interval '30 days', now(), now(), 0)
  RETURNING id)
INSERT INTO lead_assignment (lead_id, consultant_id, assigned_by, reason) SELECT id, 'bench', 'bench', 'captured by the consultant' FROM l;
INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, topic, payload)
  VALUES (gen_random_uuid(), 'lead', gen_random_uuid()::text, 'forecourt.lead.assigned.v1', 'bench-pgbench',
          '{"specversion":"1.0","type":"forecourt.lead.assigned.v1","source":"/forecourt/lead-service","data":{"consultantId":"bench"}}');
INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, topic, payload)
  VALUES (gen_random_uuid(), 'lead', gen_random_uuid()::text, 'forecourt.lead.captured.v1', 'bench-pgbench',
          '{"specversion":"1.0","type":"forecourt.lead.captured.v1","source":"/forecourt/lead-service","data":{"source":"SHOWROOM"}}');
END;
