import { Type } from '@sinclair/typebox';

/**
 * Wire schemas of the WakaTime-compatible routes. Unlike the rest of the API they are permissive
 * on purpose: wakatime-cli and its plugins send fields this API does not know (dependencies,
 * line_additions, project_root_count, …), and one bad item in a bulk must be refused alone, so
 * the items are checked in code (heartbeat.input.ts), not here.
 */

export const HEARTBEAT_FIELDS =
  'Each heartbeat is a JSON object as wakatime-cli sends it: `entity` (required; a file path, ' +
  'domain or app), `time` (required; seconds since the epoch, a float), `type`, `category`, ' +
  '`project`, `branch`, `language`, `is_write`, `lines`, `lineno`, `cursorpos`, `user_agent`. ' +
  'Other fields are ignored. An item more than 7 days old, more than 1 hour in the future or ' +
  'malformed is refused on its own (`[{"error": "heartbeat <index>: <reason>"}, 400]`); the ' +
  'others are stored. The same heartbeat (time, entity, is_write) sent again is stored once and ' +
  'answered 201 again. The file path is kept as the `activity_entities` profile setting says ' +
  '(`full`, `basename` or `none`).';

/**
 * wakatime-cli sends at most 25 per request; a bigger offline backlog still fits. More is the
 * API's usual 422 for an array over its maxItems, refused before any item is looked at.
 */
export const MAX_BULK_ITEMS = 1000;

const HeartbeatItem = Type.Unknown({ description: 'A heartbeat object (checked per item)' });
const HeartbeatObject = Type.Object(
  {},
  { additionalProperties: true, description: 'One heartbeat object' },
);

export const HeartbeatsBulkBody = Type.Array(HeartbeatItem, {
  maxItems: MAX_BULK_ITEMS,
  description: 'The heartbeats, at most 1,000 (wakatime-cli sends up to 25)',
});

export const HeartbeatBody = Type.Union([HeartbeatObject, HeartbeatsBulkBody], {
  description: 'One heartbeat object, or an array of them as for `heartbeats.bulk` (wakapi)',
});

export const HeartbeatsResponse = Type.Object(
  {
    responses: Type.Array(
      Type.Array(Type.Unknown(), {
        minItems: 2,
        maxItems: 2,
        description:
          '`[{"data": heartbeat}, 201]` for a stored (or duplicate) heartbeat, ' +
          '`[{"error": reason}, 400]` for a refused one',
      }),
      { description: 'One pair per heartbeat sent, in the order sent' },
    ),
  },
  {
    $id: 'WakatimeHeartbeatsResponse',
    description: "WakaTime's answer, as wakatime-cli parses it",
  },
);

export const StatusbarResponse = Type.Object({
  data: Type.Object({
    grand_total: Type.Object({
      text: Type.String({ description: 'Human text, e.g. `2 hrs 30 mins` (what editors show)' }),
      total_seconds: Type.Number(),
      digital: Type.String({ description: '`H:MM`' }),
      hours: Type.Integer(),
      minutes: Type.Integer(),
    }),
    range: Type.Object({
      date: Type.String({ format: 'date', description: 'Today in the profile time zone' }),
      start: Type.String({ format: 'date-time' }),
      end: Type.String({ format: 'date-time' }),
      timezone: Type.String(),
      text: Type.String(),
    }),
    categories: Type.Array(Type.Unknown(), { description: 'Always empty (kept for the shape)' }),
    running_timer: Type.Union([
      Type.Object({
        task_id: Type.Integer(),
        title: Type.String(),
        started_at: Type.String({ format: 'date-time' }),
      }),
      Type.Null(),
    ]),
  }),
});
