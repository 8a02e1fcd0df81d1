-- The database work of one customer registration: the customer row and its outbox event in
-- one transaction (what CustomerRegistry.register and Outbox.publish do).
BEGIN;
INSERT INTO customer (id, store_id, kind, lifecycle_class, source_channel, created_at, version)
  VALUES (gen_random_uuid(), 'store-bench', 'INDIVIDUAL', 'POTENTIAL', 'SHOWROOM', now(), 0);
INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, topic, payload)
  VALUES (gen_random_uuid(), 'customer', gen_random_uuid()::text, 'forecourt.customer.registered.v1', 'bench-pgbench',
          '{"specversion":"1.0","type":"forecourt.customer.registered.v1","source":"/forecourt/customer-service","data":{"kind":"INDIVIDUAL"}}');
END;
