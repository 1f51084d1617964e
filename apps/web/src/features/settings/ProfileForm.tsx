import type { User } from '@devtrackr/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useApi } from '../../api/ApiProvider';
import { fieldErrors } from '../../api/problem';
import { meQueryKey, useMe, type WeekStart } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { Select, type SelectOption } from '../../components/Select';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { useToast } from '../../components/Toast';
import { SettingsSection } from './SettingsSection';
import { TimeZoneCombobox } from './TimeZoneCombobox';

const FIELDS = ['full_name', 'timezone', 'week_start'] as const;

const WEEK_STARTS: readonly SelectOption<WeekStart>[] = [
  { value: 'monday', label: 'Monday' },
  { value: 'sunday', label: 'Sunday' },
];

const isWeekStart = (value: string): value is WeekStart =>
  WEEK_STARTS.some((option) => option.value === value);

/** Name, time zone and week start: PATCH /auth/me. */
function ProfileForm({ user }: { user: User }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const toast = useToast();
  // Seeded once from the profile; a failed save keeps what was typed.
  const [fullName, setFullName] = useState(user.full_name ?? '');
  const [timeZone, setTimeZone] = useState(user.timezone);
  const [weekStart, setWeekStart] = useState<WeekStart>(user.week_start);

  const save = useMutation({
    mutationFn: async () => {
      const name = fullName.trim();
      const { data } = await client.PATCH('/auth/me', {
        // A blank name clears it (null), as the API documents.
        body: { full_name: name === '' ? null : name, timezone: timeZone, week_start: weekStart },
      });
      return data;
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(meQueryKey, saved);
      // Every page showing dates reads the zone and week start from ['me']; the dashboard's figures
      // are computed by the API in the profile's zone and week, so they change with them.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['metrics'] });
      setFullName(saved.full_name ?? '');
      toast({ title: 'Profile saved', tone: 'success' });
    },
  });

  const errors = fieldErrors(save.error);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form className="stack" onSubmit={submit}>
      <FormError error={save.error} fields={FIELDS} />
      <TextField
        label="Name"
        hint="Optional. Leave it empty to show your email instead."
        name="full_name"
        autoComplete="name"
        maxLength={200}
        value={fullName}
        onChange={(event) => {
          setFullName(event.target.value);
        }}
        error={errors.full_name}
      />
      <TimeZoneCombobox
        label="Time zone"
        hint="Dates, the week view and the dashboard’s days follow it. Type to search."
        name="timezone"
        value={timeZone}
        saved={user.timezone}
        onChange={setTimeZone}
        error={errors.timezone}
      />
      <Select
        label="Week starts on"
        name="week_start"
        options={WEEK_STARTS}
        value={weekStart}
        onChange={(event) => {
          if (isWeekStart(event.target.value)) setWeekStart(event.target.value);
        }}
        error={errors.week_start}
      />
      <div>
        <Button type="submit" variant="primary" pending={save.isPending}>
          Save profile
        </Button>
      </div>
    </form>
  );
}

export function ProfileSection() {
  const me = useMe();
  return (
    <SettingsSection
      title="Profile"
      description={me.data === undefined ? undefined : `Signed in as ${me.data.email}.`}
    >
      {me.data !== undefined ? (
        <ProfileForm user={me.data} />
      ) : me.isError ? (
        <FormError error={me.error} />
      ) : (
        <Spinner label="Loading your profile" />
      )}
    </SettingsSection>
  );
}
