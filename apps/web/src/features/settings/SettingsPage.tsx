import { PageHeader } from '../../components/PageHeader';

/** PLACEHOLDER: settings (issue 14 §8): profile, password, tokens, exports, account. */
export default function SettingsPage() {
  return <PageHeader title="Settings" description="Coming soon." />;
}
