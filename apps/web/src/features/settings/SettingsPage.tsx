import { PageHeader } from '../../components/PageHeader';
import { ThemeSwitch } from '../../theme/ThemeSwitch';
import { DeleteAccountSection } from './DeleteAccountSection';
import { ExportsSection } from './ExportsSection';
import { PasswordSection } from './PasswordForm';
import { ProfileSection } from './ProfileForm';
import { SettingsSection } from './SettingsSection';
import { SignOutEverywhereSection } from './SignOutEverywhereSection';
import { TokensSection } from './TokensSection';
import './settings.css';

/**
 * Settings (issue 14 §8). Each section is its own form with its own save, so a failure in one
 * never costs what was typed in another.
 */
export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Your profile, sign-in, tokens and data." />
      <div className="settings">
        <ProfileSection />
        <SettingsSection
          title="Appearance"
          description="Light, dark, or as your system is set. Remembered on this device."
        >
          <ThemeSwitch />
        </SettingsSection>
        <PasswordSection />
        <SignOutEverywhereSection />
        <TokensSection />
        <ExportsSection />
        <DeleteAccountSection />
      </div>
    </>
  );
}
