/**
 * The OpenAPI descriptions of the analytics routes: each formula with a worked example. The
 * long form, with the design reasons, is docs/metrics.md; keep the two in step.
 */

const COMMON = `
**Period.** \`days=N\` (1–366, default 30: the N local days ending today) **or** \`from\` and
\`to\`, each a date or a date-time by the rule every period parameter follows: a
\`YYYY-MM-DD\` date names a whole local day in \`tz\`, included (\`from=2026-03-01&to=2026-03-31\`
is all of March); an RFC 3339 date-time names an instant, \`from\` included and \`to\` excluded,
and its local day is then counted from or up to that instant only. At most 366 local days. Both
at once, one of from/to alone, an empty period (\`to\` not after \`from\`), an impossible date or
an unknown parameter is a 422. \`tz\` (IANA) defaults to the profile time zone; "today" is the
local date of the server's now in \`tz\`. The response echoes \`period: {from, to, tz}\`: the
local days, or the instants given (UTC).

**Counting.** Tracked time comes from time entries and counts on the local day it was
worked: an entry crossing local midnight is split between the days (a DST day is 23 or 25
hours long), a running timer counts up to now, an adjustment counts its signed seconds on the
local day of its instant. A completion counts on the local day of \`completed_at\`, a creation on
that of \`created_at\`. Deleted tasks are gone with their entries. Minutes are seconds ÷ 60
rounded half up, after summing.

**Scope.** Without a scope parameter the figures are yours: the tasks assigned to you (or
created by you and assigned to no one) and the entries you tracked, in every workspace you
can see (the one workspace of a token limited to one). \`workspace_id\`: that workspace's tasks
and entries; \`project_id\`: that project's tasks and the entries on them; \`user_id\`: that
member's tasks (as above) and entries, with \`workspace_id\`/\`project_id\` inside that
workspace, else in every workspace you share where you may see their time. Others' entries
count only where your role (admin, owner) or the workspace's \`members_see_team_time\` lets you
see the others' time; otherwise a workspace or project scope counts only your own entries in
its time figures, while its task figures cover all of its tasks. A workspace or project you
are not a member of is a 404, as if it did not exist; \`user_id\` of another member without
that right is a 403 \`forbidden\` naming the role needed.`;

/** /metrics/team takes a workspace, not a scope: the scope paragraph does not apply. */
const PERIOD_ONLY = COMMON.slice(0, COMMON.indexOf('**Scope.**')).trimEnd();

export const DESCRIPTIONS = {
  summary: `Task counts and the period's activity.
${COMMON}

**Fields.**
- \`tasks\`: every task now, by status and by priority (not limited to the period).
- \`created_in_period\`, \`completed_in_period\`: tasks whose \`created_at\` / \`completed_at\`
  falls on a local day of the period.
- \`completion_rate.period\` = completed_in_period ÷ created_in_period (null when nothing was
  created; it can exceed 1). \`completion_rate.all_time_done_share\` = done ÷ total.
- \`tracked_minutes\`: time tracked in the period. \`worked_tasks\`: tasks with a positive
  tracked total in the period; \`estimated_minutes_of_worked_tasks\` sums their estimates
  (tasks without one add 0).
- \`overdue\`: tasks not done whose \`due_at\` is before now.
- \`median_cycle_time_hours\`: median of \`completed_at − created_at\` over the tasks completed in
  the period (percentile_cont, interpolating), null when there are none.

**Example.** 7 tasks created and 6 completed in the period, 7 of 10 done overall:
completion_rate = {period: 6/7 = 0.8571, all_time_done_share: 0.7}. Cycle times 2, 6, 24,
36, 60 and 336 h → median (24 + 36)/2 = 30. An entry from 22:30 to 01:15 local time adds 90
minutes to the first day and 75 to the second.`,

  categories: `Per category (a task without one counts as \`uncategorized\`), ordered by
name with \`uncategorized\` last. A category is listed when it has tasks created in the
period or time tracked in it.
${COMMON}

**Fields.** Over the tasks **created in the period**: \`total\`, \`done\` (done now),
\`completion_rate\` = done ÷ total, \`estimated_minutes\` (sum of their estimates), and
\`efficiency\` = Σ estimated ÷ Σ actual over those that are done with an estimate > 0 and
actual time > 0 (\`efficiency_tasks\` of them; null when none). Above 1 means faster than
estimated. \`tracked_minutes\`: time tracked in the period on any task of the category,
whenever it was created.

**Example.** backend: 3 tasks created, all done, estimates 60 + 100 + 30 = 190, actual
66 + 80 + 45 = 191 → efficiency 190/191 = 0.9948.`,

  weekly: `Per local week: created, completed, tracked minutes and a productivity score.
${COMMON}

**Weeks.** \`weeks=N\` (1–52, default 4) gives the N weeks ending with the current one, which
runs up to today. A week starts on Monday, or on Sunday with \`week_start=sunday\`. An explicit
\`days\` or \`from/to\` period can be given instead of \`weeks\` (not both); its first and last
weeks are clipped to it. \`days\` is the number of days of the week inside the period.

**productivity_score** (0–100, integer) = round(C + A + D):
- C (completions, 40 points) = 40 × min(1, completed ÷ target), target = 5 × days ÷ 7;
- A (estimation accuracy, 30 points) = 30 × mean accuracy of the tasks completed that week
  with an estimate > 0 and actual time > 0, accuracy = max(0, 1 − |actual − estimate| ÷
  estimate); 0 when there is no such task;
- D (consistency, 30 points) = 30 × active days ÷ days, an active day being a local day with
  a positive tracked total.

Each part only grows with what it measures and does not depend on the others, so the score is
monotonic in completions, in estimation accuracy and in days with tracked time. The
\`components\` show each input, target and points (points rounded to 2 decimals; the score
rounds their exact sum).

**Example.** A 7-day week with 2 completions (accuracies 0.9 and 0.5) and time on 2 days:
C = 40 × 2/5 = 16, A = 30 × 0.7 = 21, D = 30 × 2/7 = 8.57 → 45.57 → 46. The current week on
its third day, with 1 completion and 1 active day: target = 5 × 3/7 = 2.14, C = 18.67, A = 0,
D = 10 → 29.`,

  timeEfficiency: `How estimates compare with the time really tracked.
${COMMON}

**Population.** Done tasks completed in the period with \`estimated_minutes\` > 0 and
\`actual_minutes\` > 0 (actual = the task's tracked time). Overall and per category.

**Fields.** \`accuracy\` = mean of max(0, 1 − |actual − estimate| ÷ estimate), as a percentage
(2 decimals). \`median_ratio\` = median of actual ÷ estimate. \`on\`: |actual − estimate| ≤ 10 %
of the estimate (\`on_estimate_tolerance\` = 0.1); \`under\`: actual < 90 % of the estimate
(finished faster); \`over\`: actual > 110 %. Null figures when there are no tasks.

**Example.** (estimate → actual) 60 → 66, 100 → 80, 30 → 45, 120 → 120: accuracies 0.9, 0.8,
0.5, 1 → 80 %; ratios 1.1, 0.8, 1.5, 1 → median 1.05; under 1 (80 < 90), on 2 (6 ≤ 6 and
0), over 1 (45 > 33).

**Tasks.** \`tasks\` lists the population itself, one \`{task_id, title, category,
estimated_minutes, actual_minutes}\` per task (\`uncategorized\` for none), for a scatter of
estimate against actual: newest \`completed_at\` first (ties by \`task_id\`, descending), at
most 500 of them. \`tasks_total\` is the population's size (\`overall.tasks\`); when it exceeds
500 the list holds the newest 500 ("500 of 1,234 shown").`,

  trends: `Every local day of the period, days without activity included with zeros.
${COMMON}

**Per day.** \`created\`, \`completed\`, \`tracked_minutes\`, \`completed_avg_7d\`: the
trailing 7-day mean of completions (that day and the 6 before it, always divided by 7; the
window reaches before \`from\`, so the first days of the period have a full window), and
\`tracked_minutes_avg_7d\`: the same trailing mean of tracked time (Σ tracked seconds of the 7
local days ÷ 7 ÷ 60, 2 decimals; the 6 days before \`from\` are whole days even when \`from\`
is an instant).

**Trend** over daily completions y against the day index x = 0 … n − 1:
\`slope\` = Σ(x − x̄)(y − ȳ) ÷ Σ(x − x̄)² (least squares, 0 for a single day); \`change\` = slope ×
(n − 1), the fitted rise from the first to the last day; \`mean\` = ȳ; \`threshold\` = max(0.25,
0.1 × mean). \`direction\` is \`up\` when change ≥ threshold, \`down\` when change ≤ −threshold,
\`flat\` otherwise.

**Example.** 7 days with 0, 1, 0, 2, 1, 3, 3 completions: x̄ = 3, Σ(x − x̄)y = 14, Σ(x − x̄)² =
28 → slope 0.5, change 3, mean 1.4286, threshold 0.25 → up. With 1 and 2 completions on the 6
days before, the first day's average is (1 + 2 + 0)/7 = 0.43. With 120 and 45 minutes tracked 2 and 5 days
before \`from\` and 30 on it, its \`tracked_minutes_avg_7d\` is (45 + 120 + 30)/7 = 27.86.`,

  priorities: `Per priority (low, medium, high, urgent, always all four).
${COMMON}

**Fields.** \`open\`: tasks not done now; \`overdue\`: open with \`due_at\` before now (both
are "now", not the period). \`done\`: tasks completed in the period;
\`median_cycle_time_hours\`: median of completed_at − created_at over them (null when none).
\`tracked_minutes\`: time tracked in the period on tasks of that priority.

**Example.** high: two tasks completed in the period after 24 h and 60 h → median 42.`,

  insights: `The estimate-correction model: how long open work will really take.
${COMMON}

**Model.** The sample is the done tasks completed in the period with an estimate > 0 and
actual time > 0 (widen it with \`days=366\`). For each category (\`uncategorized\` included) and
overall: \`median_ratio\`, \`q1_ratio\`, \`q3_ratio\` = percentile_cont 0.5, 0.25, 0.75 of
actual ÷ estimate. A model needs at least \`min_sample\` = 5 tasks; below that it shows its
\`sample_size\`, \`enough_data: false\`, \`message: "not enough data: …"\` and no numbers.

**Forecast.** For every open task (not done) with an estimate > 0: its category's model if it
has enough data, else the overall model if that has, else none (\`ratio_source\`).
remaining = max(0, estimate × median − tracked), low and high the same with Q1 and Q3, where
tracked is the task's actual minutes so far. Sums are per category and overall; tasks without
a model are counted (\`open_estimated_tasks\` − \`forecast_tasks\`) but add nothing, and the
remaining fields are null when no task has a model. \`naive_remaining_minutes\` = Σ max(0,
estimate − tracked) over all of them, for comparison. The band assumes each task behaves like
the category's quartiles; it is not a confidence interval of the sum.

**Example.** backend ratios 0.8, 1.0, 1.1, 1.2, 1.5, 2.0 → Q1 1.025, median 1.15, Q3 1.425.
An open backend task estimated at 80 min with 30 tracked: remaining 80 × 1.15 − 30 = 62, low
52, high 84 (naive 50).`,

  team: `One workspace seen as a team, for the period (\`workspace_id\` required; 404 when you
are not a member).
${PERIOD_ONLY}

**Fields.**
- \`members\`: every member, by \`user_id\`: \`tracked_minutes\` (their entries in the
  workspace in the period), \`tasks_completed\` (tasks completed in the period that are theirs:
  assigned to them, or created by them and assigned to no one) and \`estimate_accuracy\`: the
  mean over those of them with an estimate > 0 and actual time > 0 of max(0, 1 − |actual −
  estimate| ÷ estimate), in percent with 2 decimals (as in /metrics/time-efficiency), null when
  there are none. A member or viewer who may not see the others' time (the workspace's
  \`members_see_team_time\` is off) gets only their own row.
- \`projects\`: every project of the workspace, archived ones too, by name:
  \`tracked_minutes\` (everyone's entries on its tasks in the period), \`budget_minutes\` and
  \`budget_used_percent\` = all-time tracked ÷ budget × 100, 1 decimal, where all-time tracked is
  the sum of its tasks' \`actual_minutes\` (null without a budget). These are totals without
  names, shown to every member.
- \`unassigned.tracked_minutes\`: everyone's time in the period on tasks without a project.

**Example.** A project with a 600-minute budget whose tasks have 150 and 300 actual minutes:
budget_used_percent = 450 ÷ 600 = 75.0.`,
} as const;
