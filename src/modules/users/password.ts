import argon2 from 'argon2';

/**
 * Password hashing. Production uses argon2id at the library's defaults (64 MiB, 3 passes, 4
 * lanes: about a second on a small server, which is the point). A test run sets
 * `PASSWORD_HASHING=test` for argon2id at its minimum cost, since the suite creates thousands
 * of users; `loadConfig` refuses that setting under `NODE_ENV=production`, and so does this
 * module when asked to hash there.
 */
const TEST_COST = { memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

function cost(): typeof TEST_COST | Record<string, never> {
  if (process.env.PASSWORD_HASHING !== 'test') return {};
  if (process.env.NODE_ENV === 'production') throw new Error('PASSWORD_HASHING=test is refused under NODE_ENV=production');
  return TEST_COST;
}

export const hashPassword = async (password: string) => argon2.hash(password, { type: argon2.argon2id, ...cost() });

/** Hashes of the two strengths for unknown accounts, so a miss costs what a hit costs. */
const DUMMY = {
  standard: '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Ij5zZzVh7QW6c+zW7k1Gv7oKqMSRn5fH2e6KcQpQd6E',
  test: '$argon2id$v=19$m=1024,p=1,t=1$c29tZXNhbHRzb21lc2FsdA$N58DtVPT7rTJzNhopLtZCL2cuCK4PG059CevT9CIkSY',
};

/**
 * Whether `password` matches `hash`; an unknown account (`hash` undefined) is checked against a
 * fixed hash of the same cost, so timing does not reveal which emails have accounts.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  const against = hash ?? (Object.keys(cost()).length ? DUMMY.test : DUMMY.standard);
  return argon2.verify(against, password).catch(() => false).then((ok) => ok && Boolean(hash));
}
