-- A merge moves the referrals that name the merged record as the customer referred (and its undo moves
-- them back): found by referred_id, without reading the whole table.
CREATE INDEX customer_referral_referred_idx ON customer_referral (referred_id) WHERE referred_id IS NOT NULL;
