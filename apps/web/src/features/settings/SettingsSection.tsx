import { useId, type ReactNode } from 'react';

interface SettingsSectionProps {
  title: string;
  /** One sentence on what the section changes, under its heading. */
  description?: ReactNode;
  children: ReactNode;
  /** 'danger' frames what cannot be undone (deleting the account). */
  tone?: 'default' | 'danger';
}

/**
 * One panel of the settings page: a landmark named by its h2, so a screen-reader user can jump
 * between "Profile", "Password", "Access tokens"… as between headings.
 */
export function SettingsSection({
  title,
  description,
  children,
  tone = 'default',
}: SettingsSectionProps) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className={
        tone === 'danger' ? 'settings-section settings-section--danger' : 'settings-section'
      }
    >
      <h2 id={headingId} className="settings-section__title">
        {title}
      </h2>
      {description !== undefined && <p className="settings-section__description">{description}</p>}
      {children}
    </section>
  );
}
