import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { useMe } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { formatDuration, formatNumber } from '../../lib/format';
import { day } from '../dashboard/metricFormat';
import { parsePeriod, periodSearch } from '../dashboard/period';
import { PeriodPicker } from '../dashboard/PeriodPicker';
import { BudgetBar } from '../projects/BudgetBar';
import { canAdmin } from '../workspaces/roles';
import { teamKeys, teamMetrics } from '../workspaces/teamApi';
import { teamMessage } from '../workspaces/teamErrors';
import type { TeamMetrics, Workspace } from '../workspaces/teamTypes';
import { useWorkspaces } from '../workspaces/WorkspaceProvider';
import '../dashboard/dashboard.css';
import '../workspaces/team.css';

const accuracyText = (accuracy: number | null): string =>
  accuracy === null ? '—' : `${formatNumber(Math.round(accuracy))}%`;

function MembersTable({ data, myId }: { data: TeamMetrics; myId: number | undefined }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Time per member">
      <table className="team-table">
        <caption>Per member: time tracked, tasks completed and estimate accuracy</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col" className="num">
              Tracked
            </th>
            <th scope="col" className="num">
              Completed
            </th>
            <th scope="col" className="num">
              Estimate accuracy
            </th>
          </tr>
        </thead>
        <tbody>
          {data.members.map((member) => (
            <tr key={member.user_id}>
              <th scope="row">
                {member.full_name ?? member.email}
                {member.user_id === myId && <span className="team-table__you"> (you)</span>}
              </th>
              <td className="num">{formatDuration(member.tracked_minutes)}</td>
              <td className="num">{formatNumber(member.tasks_completed)}</td>
              <td className="num">{accuracyText(member.estimate_accuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProjectsTable({ data }: { data: TeamMetrics }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Time per project">
      <table className="team-table">
        <caption>Per project: time tracked in the period, and the budget used so far</caption>
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col" className="num">
              Tracked
            </th>
            <th scope="col">Budget</th>
          </tr>
        </thead>
        <tbody>
          {data.projects.map((project) => (
            <tr key={project.project_id}>
              <th scope="row">
                <span
                  className="project-swatch"
                  style={{ backgroundColor: project.color }}
                  aria-hidden="true"
                />
                {project.name}
              </th>
              <td className="num">{formatDuration(project.tracked_minutes)}</td>
              <td>
                <BudgetBar
                  trackedMinutes={null}
                  budgetMinutes={project.budget_minutes}
                  usedPercent={project.budget_used_percent}
                />
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">No project</th>
            <td className="num">{formatDuration(data.unassigned.tracked_minutes)}</td>
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function TeamView({ workspace }: { workspace: Workspace }) {
  const { client } = useApi();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const { period } = useMemo(() => parsePeriod(search), [search]);
  const figures = useQuery({
    queryKey: teamKeys.teamMetrics(workspace.id, period),
    queryFn: ({ signal }) => teamMetrics(client, workspace.id, period, signal),
  });
  // What the API answers is what may be seen: without the setting, a member or viewer gets
  // only their own row. Say so, so a short table does not look like missing data.
  const onlyMine = !canAdmin(workspace.role) && !workspace.members_see_team_time;
  const resolved = figures.data?.period;
  return (
    <div className="dashboard">
      <PageHeader
        title="Team"
        description={
          resolved === undefined
            ? workspace.name
            : `${workspace.name} · ${day(resolved.from)} – ${day(resolved.to)}`
        }
      />
      <PeriodPicker
        period={period}
        shown={resolved}
        error={figures.error}
        onChange={(next) => {
          setSearch(periodSearch(next));
        }}
      />
      {figures.isPending ? (
        <Spinner label="Loading the team's figures" block />
      ) : figures.isError ? (
        <div role="alert" className="form-error">
          <p>The team’s figures could not be loaded. {teamMessage(figures.error)}</p>
          <Button onClick={() => void figures.refetch()}>Try again</Button>
        </div>
      ) : (
        <div className="team-grid">
          <section className="team-panel" aria-labelledby="team-members">
            <h2 id="team-members">Members</h2>
            {onlyMine && (
              <p className="team-note">
                Only your own figures are shown: the workspace’s admins have not shared everyone’s
                time with members.
              </p>
            )}
            {figures.data.members.length === 0 ? (
              <p className="team-note">No member tracked time in this period.</p>
            ) : (
              <MembersTable data={figures.data} myId={me.data?.id} />
            )}
          </section>
          <section className="team-panel" aria-labelledby="team-projects">
            <h2 id="team-projects">Projects</h2>
            <ProjectsTable data={figures.data} />
          </section>
        </div>
      )}
    </div>
  );
}

/** The team dashboard (issue 15): per member and per project, for the period picker's range. */
export default function TeamDashboardPage() {
  const { current, ready } = useWorkspaces();
  if (!ready) return <Spinner label="Loading the team" block />;
  if (current === undefined || current.personal) {
    return (
      <>
        <PageHeader title="Team" />
        <EmptyState title="This is your personal workspace.">
          The team figures are for team workspaces. Switch to one with the Workspace menu, or create
          one on the Workspace page.
        </EmptyState>
      </>
    );
  }
  return <TeamView key={current.id} workspace={current} />;
}
