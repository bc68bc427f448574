-- Existing bags get their hand-out date (src/domain/hand-out.ts, lotHandOutBy and bagHandOutBy)
-- with the default food policy (FROZEN_SHELF_DAYS 60, BEST_BEFORE_CHECK_DAYS 7): the earliest
-- over their contents of the effective use-by, the frozen shelf life of food frozen from
-- chilled, the best-before (or, past it at packing, the latest passed check + 7 days) and the
-- shelf life of undated food from receipt (UNDATED_SHELF_DAYS). Bags packed before their
-- contents were recorded keep their earliest use-by.
WITH lot_limits AS (
  SELECT c.bag_id,
    l.category, l.temperature_class, l.date_kind, l.date, l.checked_on,
    (b.packed_at AT TIME ZONE 'Europe/Helsinki')::date AS packed_on,
    (l.received_at AT TIME ZONE 'Europe/Helsinki')::date AS received_on,
    coalesce(l.frozen_on, CASE WHEN l.temperature_class = 'frozen' THEN (l.received_at AT TIME ZONE 'Europe/Helsinki')::date END) AS frozen_on
  FROM bag_contents c
  JOIN bags b ON b.id = c.bag_id
  JOIN lots l ON l.id = c.lot_id
), per_lot AS (
  SELECT bag_id, least(
    CASE WHEN date_kind = 'use_by' AND date IS NOT NULL
          AND (category = 'smoked_fish' OR NOT (temperature_class = 'frozen' AND frozen_on IS NOT NULL AND frozen_on <= date))
      THEN date END,
    CASE WHEN temperature_class = 'frozen' AND frozen_on IS NOT NULL
          AND category IN ('dairy', 'meat', 'minced_meat', 'fish', 'smoked_fish', 'ready_meals', 'eggs')
      THEN frozen_on + 60 END,
    CASE WHEN date_kind = 'best_before' AND date IS NOT NULL THEN
      CASE WHEN packed_on > date AND category <> 'eggs' THEN coalesce(checked_on, date) + 7 ELSE date END END,
    CASE WHEN date_kind = 'none' THEN
      CASE WHEN temperature_class = 'frozen' OR category = 'frozen' THEN coalesce(frozen_on, received_on) + 60
        ELSE received_on + CASE category
          WHEN 'bread' THEN 2 WHEN 'fruit_veg' THEN 4 WHEN 'dairy' THEN 2 WHEN 'eggs' THEN 2
          WHEN 'meat' THEN 1 WHEN 'minced_meat' THEN 1 WHEN 'fish' THEN 1 WHEN 'smoked_fish' THEN 1 WHEN 'ready_meals' THEN 1
          WHEN 'dry_goods' THEN 180 END END END
  ) AS limit_day
  FROM lot_limits
), per_bag AS (
  SELECT bag_id, min(limit_day) AS hand_out_by FROM per_lot GROUP BY bag_id
)
UPDATE bags b SET hand_out_by = per_bag.hand_out_by FROM per_bag WHERE per_bag.bag_id = b.id;
--> statement-breakpoint
UPDATE bags SET hand_out_by = earliest_use_by
WHERE hand_out_by IS NULL AND NOT EXISTS (SELECT 1 FROM bag_contents c WHERE c.bag_id = bags.id);
--> statement-breakpoint
-- Before loading existed, publishing a plan dispatched its bags: that was their loading.
UPDATE routes r SET loaded_at = p.published_at
FROM route_plans p
WHERE p.id = r.plan_id AND p.status = 'published' AND p.published_at IS NOT NULL AND r.loaded_at IS NULL;
