-- Stock on hand per part and store (lots and locations arrive with the parts issue), and one
-- catalogue entry per part number per store.
ALTER TABLE part ADD COLUMN on_hand INT NOT NULL DEFAULT 0 CHECK (on_hand >= 0);
ALTER TABLE part ADD CONSTRAINT part_store_number_uq UNIQUE (store_id, part_number);
