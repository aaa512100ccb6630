/**
 * The Notes API's own account directory. Roles are what the resource server
 * knows about its users; the authorization server only vouches for who they
 * are (`sub`), so the resource server keeps roles itself and never asks the
 * authorization server for them.
 */
export type Role = 'viewer' | 'editor' | 'admin';

interface Account {
  /** The `sub` the authorization server puts in access tokens. */
  userId: string;
  role: Role;
}

const ACCOUNTS: readonly Account[] = [
  { userId: 'alice', role: 'editor' },
  { userId: 'bob', role: 'viewer' },
  { userId: 'carol', role: 'admin' },
];

/** An account lookup, passed in deps so tests can use their own directory. */
export type AccountDirectory = (userId: string) => Account | undefined;

export function accountDirectory(accounts: readonly Account[] = ACCOUNTS): AccountDirectory {
  const byId = new Map(accounts.map((a) => [a.userId, a]));
  return (userId) => byId.get(userId);
}
