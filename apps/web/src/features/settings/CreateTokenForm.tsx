import type { CreatedPersonalToken, TokenScope } from '@devtrackr/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { useApi } from '../../api/ApiProvider';
import { fieldErrors } from '../../api/problem';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { Select, type SelectOption } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { SCOPE_LABELS, SCOPES, tokensQueryKey } from './tokenQueries';

const FIELDS = ['name', 'scopes', 'expires_in_days'] as const;

/** Lifetimes offered, in days; "never" leaves expires_in_days out (the API's "until revoked"). */
const EXPIRIES: readonly SelectOption[] = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never (until revoked)' },
];

interface CreateTokenFormProps {
  /** Receives the created token, secret included, to show it once. */
  onCreated: (token: CreatedPersonalToken) => void;
}

/** POST /auth/tokens: a name, the scopes and a lifetime. */
export function CreateTokenForm({ onCreated }: CreateTokenFormProps) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const scopesErrorId = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<readonly TokenScope[]>([]);
  const [expiry, setExpiry] = useState('90');

  const create = useMutation({
    mutationFn: async () => {
      const { data } = await client.POST('/auth/tokens', {
        body: {
          name: name.trim(),
          // Sent in the form's order, whatever order they were ticked in.
          scopes: SCOPES.filter((scope) => scopes.includes(scope)),
          ...(expiry === 'never' ? {} : { expires_in_days: Number(expiry) }),
        },
      });
      return data;
    },
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: tokensQueryKey });
      setName('');
      setScopes([]);
      onCreated(token);
    },
  });

  const errors = fieldErrors(create.error);
  const toggle = (scope: TokenScope, on: boolean) => {
    setScopes((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <form className="stack token-form" onSubmit={submit}>
      <h3 className="settings-section__subtitle">New token</h3>
      <FormError error={create.error} fields={FIELDS} />
      <TextField
        label="Name"
        hint="What it is for, e.g. “CI on my laptop”."
        name="name"
        maxLength={100}
        required
        value={name}
        onChange={(event) => {
          setName(event.target.value);
        }}
        error={errors.name}
      />
      <fieldset
        className="token-form__scopes"
        aria-describedby={errors.scopes === undefined ? undefined : scopesErrorId}
      >
        <legend className="field__label">Scopes</legend>
        {SCOPES.map((scope) => (
          <label key={scope} className="checkbox">
            <input
              type="checkbox"
              name="scopes"
              value={scope}
              checked={scopes.includes(scope)}
              onChange={(event) => {
                toggle(scope, event.target.checked);
              }}
            />
            <span>
              {SCOPE_LABELS[scope]} <code className="checkbox__code">{scope}</code>
            </span>
          </label>
        ))}
        {errors.scopes !== undefined && (
          <p id={scopesErrorId} className="field__error">
            {errors.scopes}
          </p>
        )}
      </fieldset>
      <Select
        label="Expires after"
        name="expires_in_days"
        options={EXPIRIES}
        value={expiry}
        onChange={(event) => {
          setExpiry(event.target.value);
        }}
        error={errors.expires_in_days}
      />
      <div>
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create token
        </Button>
      </div>
    </form>
  );
}
