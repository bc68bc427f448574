import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll, getAll, type Problem } from '../../../lib/api.ts';

/** A person as `GET /users` gives them (their role, contact, language, organisation, hygiene passport). */
export type User = ApiItem<'/users'>;

/** `GET /users`, every page, kept on the device. */
export const getUsers = () => cachedGetAll<User>('/users');
/** `GET /users?role=driver`, kept on the device. */
export const getDrivers = () => cachedGetAll<User>('/users?role=driver');

/** `GET /users?…` with the roster's filters, every page; throws the server's `detail` when it refuses them. */
export async function findUsers(query: string): Promise<User[]> {
  const res = await getAll<User>(`/users${query ? `?${query}` : ''}`);
  if (res.status !== 200) throw new Error((res.body as Problem).detail);
  return (res.body as { items: User[] }).items;
}
