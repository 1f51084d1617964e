import { PageHeader } from '../../components/PageHeader';

/** PLACEHOLDER: the board by status (issue 14 §2): drag or keyboard to change status. */
export default function BoardPage() {
  return <PageHeader title="Board" description="Coming soon." />;
}
