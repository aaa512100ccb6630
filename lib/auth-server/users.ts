/**
 * The demo users, resource owners who sign in at the authorization server.
 * Their role is what the Notes API knows about them; the authorization server
 * only vouches for who they are.
 */
export interface DemoUser {
  sub: string;
  name: string;
  role: 'viewer' | 'editor' | 'admin';
  /** What the role means, shown on the sign-in page. */
  roleMeaning: string;
}

export const USERS: readonly DemoUser[] = [
  {
    sub: 'alice',
    name: 'Alice',
    role: 'editor',
    roleMeaning: 'Editor: writes her own notes and the notes shared with her for editing.',
  },
  {
    sub: 'bob',
    name: 'Bob',
    role: 'viewer',
    roleMeaning: 'Viewer: reads notes, never writes, whatever scope a client holds.',
  },
  {
    sub: 'carol',
    name: 'Carol',
    role: 'admin',
    roleMeaning: 'Admin: may write any note.',
  },
];

export function findUser(sub: string): DemoUser | undefined {
  return USERS.find((u) => u.sub === sub);
}
