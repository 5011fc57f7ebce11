import { z } from 'zod';

/** The parts of Pipedrive's documented responses the connector reads; everything else passes through unread. */

const id = z.number().int();
const text = z.string().nullish();

export const userSchema = z.object({
  id,
  name: z.string(),
  email: text,
  active_flag: z.boolean().nullish(),
  is_admin: z.union([z.number(), z.boolean()]).nullish(),
});

export const stageSchema = z.object({
  id,
  name: z.string(),
  pipeline_id: id,
  order_nr: z.number(),
  is_deleted: z.boolean().nullish(),
});

export const leadSchema = z.object({
  id: z.string(),
  title: text,
  owner_id: id.nullish(),
  person_id: id.nullish(),
  organization_id: id.nullish(),
  source_name: text,
  channel: z.union([z.number(), z.string()]).nullish(),
  is_archived: z.boolean().nullish(),
  add_time: z.string(),
  update_time: z.string(),
});

export const dealSchema = z.object({
  id,
  title: text,
  owner_id: id.nullish(),
  person_id: id.nullish(),
  pipeline_id: id.nullish(),
  stage_id: id.nullish(),
  value: z.number().nullish(),
  currency: text,
  add_time: z.string(),
  update_time: z.string(),
  stage_change_time: text,
  status: z.string(),
  is_deleted: z.boolean().nullish(),
  is_archived: z.boolean().nullish(),
  won_time: text,
  lost_time: text,
  close_time: text,
  source_lead_id: text,
});

export const flowItemSchema = z.object({
  object: z.string(),
  timestamp: text,
  data: z
    .object({
      field_key: text,
      old_value: z.union([z.string(), z.number()]).nullish(),
      new_value: z.union([z.string(), z.number()]).nullish(),
      log_time: text,
    })
    .passthrough(),
});

export const activitySchema = z.object({
  id,
  type: z.string(),
  owner_id: id.nullish(),
  is_deleted: z.boolean().nullish(),
  done: z.boolean().nullish(),
  deal_id: id.nullish(),
  lead_id: text,
  due_date: text,
  due_time: text,
  add_time: z.string(),
  update_time: z.string(),
});

/** v1 lists: offset pagination; `data` is null when nothing matches. */
export function v1List<T extends z.ZodType>(item: T) {
  return z.object({
    success: z.literal(true),
    data: z.array(item).nullable(),
    additional_data: z
      .object({
        pagination: z
          .object({ more_items_in_collection: z.boolean(), next_start: z.number().nullish() })
          .nullish(),
      })
      .nullish(),
  });
}

/** v2 lists: cursor pagination through additional_data.next_cursor. */
export function v2List<T extends z.ZodType>(item: T) {
  return z.object({
    success: z.literal(true),
    data: z.array(item),
    additional_data: z.object({ next_cursor: z.string().nullish() }).nullish(),
  });
}

export type PipedriveUser = z.infer<typeof userSchema>;
export type PipedriveStage = z.infer<typeof stageSchema>;
export type PipedriveLead = z.infer<typeof leadSchema>;
export type PipedriveDeal = z.infer<typeof dealSchema>;
export type PipedriveFlowItem = z.infer<typeof flowItemSchema>;
export type PipedriveActivity = z.infer<typeof activitySchema>;
