import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { CreateWorkspaceSection } from './CreateWorkspaceSection';
import { InvitationsSection } from './InvitationsSection';
import { MembersSection } from './MembersSection';
import { canAdmin, isOwner } from './roles';
import { DeleteWorkspaceSection, WorkspaceDetailsSection } from './WorkspaceDetailsSection';
import { useWorkspaces } from './WorkspaceProvider';
import '../settings/settings.css';
import './team.css';

/**
 * The current workspace's settings (issue 15): its name and time visibility, members and
 * roles, invitations; and a new team workspace. Each section saves on its own.
 */
export default function WorkspaceSettingsPage() {
  const { current, ready } = useWorkspaces();
  if (!ready) {
    return (
      <>
        <PageHeader title="Workspace" />
        <Spinner label="Loading the workspace" block />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Workspace"
        description={
          current === undefined
            ? 'Your workspaces could not be loaded.'
            : current.personal
              ? 'Your personal workspace is yours alone. Create a team workspace to share work.'
              : `${current.name}: members, invitations and settings.`
        }
      />
      <div className="settings">
        {current !== undefined && (
          // Keyed: another workspace is another form, not this one's typing carried over.
          <div key={current.id} className="settings">
            <WorkspaceDetailsSection workspace={current} />
            {!current.personal && <MembersSection workspace={current} />}
            {!current.personal && canAdmin(current.role) && (
              <InvitationsSection workspace={current} />
            )}
          </div>
        )}
        <CreateWorkspaceSection />
        {current !== undefined && !current.personal && isOwner(current.role) && (
          <DeleteWorkspaceSection workspace={current} />
        )}
      </div>
    </>
  );
}
