import type { CreatedPersonalToken, PersonalToken } from '@devtrackr/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { useProfile } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toast';
import { formatDate, formatDateTime } from '../../lib/format';
import { CreateTokenForm } from './CreateTokenForm';
import { SettingsSection } from './SettingsSection';
import { TokenCreatedDialog } from './TokenCreatedDialog';
import { tokensQueryKey, useTokens } from './tokenQueries';

/** When the token stops working, said the way a person checks it. */
function expiryText(expiresAt: string | null, timeZone: string, now: number): string {
  if (expiresAt === null) return 'Never expires';
  const date = formatDate(expiresAt, timeZone);
  return Date.parse(expiresAt) <= now ? `Expired on ${date}` : `Expires on ${date}`;
}

interface TokenItemProps {
  token: PersonalToken;
  timeZone: string;
  now: number;
  onRevoke: (token: PersonalToken) => void;
}

function TokenItem({ token, timeZone, now, onRevoke }: TokenItemProps) {
  const expired = token.expires_at !== null && Date.parse(token.expires_at) <= now;
  return (
    <li className="token-item">
      <div className="token-item__main">
        <p className="token-item__name">
          {token.name} <code className="token-item__prefix">{token.prefix}…</code>
        </p>
        <p className="token-item__scopes">{token.scopes.join(', ')}</p>
        <p className="token-item__dates">
          Created {formatDate(token.created_at, timeZone)} ·{' '}
          <span className={expired ? 'token-item__expired' : undefined}>
            {expiryText(token.expires_at, timeZone, now)}
          </span>{' '}
          ·{' '}
          {token.last_used_at === null
            ? 'Never used'
            : `Last used ${formatDateTime(token.last_used_at, timeZone)}`}
        </p>
      </div>
      <Button
        variant="secondary"
        size="sm"
        aria-label={`Revoke ${token.name}`}
        onClick={() => {
          onRevoke(token);
        }}
      >
        Revoke
      </Button>
    </li>
  );
}

/** Personal access tokens: the list, revoke with confirmation, create (the secret shown once). */
export function TokensSection() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const toast = useToast();
  const profile = useProfile();
  const tokens = useTokens();
  const [created, setCreated] = useState<CreatedPersonalToken | null>(null);
  const [revoking, setRevoking] = useState<PersonalToken | null>(null);

  const revoke = useMutation({
    mutationFn: (id: number) => client.DELETE('/auth/tokens/{id}', { params: { path: { id } } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });

  const now = Date.now();
  return (
    <SettingsSection
      title="Access tokens"
      description="For scripts, the CLI and CI: send one as “Authorization: Bearer dtk_…”. A token can do only what its scopes allow, and never manage your account."
    >
      {tokens.isError ? (
        <FormError error={tokens.error} />
      ) : tokens.data === undefined || profile === undefined ? (
        <Spinner label="Loading your tokens" />
      ) : tokens.data.length === 0 ? (
        <p className="settings-section__empty">You have no access tokens yet.</p>
      ) : (
        <ul className="token-list" aria-label="Your access tokens">
          {tokens.data.map((token) => (
            <TokenItem
              key={token.id}
              token={token}
              timeZone={profile.timeZone}
              now={now}
              onRevoke={setRevoking}
            />
          ))}
        </ul>
      )}
      <CreateTokenForm onCreated={setCreated} />
      <TokenCreatedDialog
        token={created}
        onClose={() => {
          setCreated(null);
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => {
          if (!open) setRevoking(null);
        }}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        message="Anything using this token stops working at once. This cannot be undone."
        confirmLabel="Revoke token"
        tone="danger"
        onConfirm={async () => {
          if (revoking === null) return;
          await revoke.mutateAsync(revoking.id);
          toast({ title: `Token “${revoking.name}” revoked`, tone: 'success' });
        }}
      />
    </SettingsSection>
  );
}
