/**
 * Rules about people's accounts: who must remain, and what an erased person becomes.
 */

/**
 * Whether a user may stop being an active coordinator (deactivated or erased) given how many
 * active coordinators there are, this user included when they are one. The network must keep
 * at least one: only a coordinator manages users, so with none only SQL could bring one back.
 *
 * @example mayLeaveCoordinators({ isActiveCoordinator: true, activeCoordinators: 1 }) // false: the last one
 * @example mayLeaveCoordinators({ isActiveCoordinator: true, activeCoordinators: 2 }) // true
 * @example mayLeaveCoordinators({ isActiveCoordinator: false, activeCoordinators: 1 }) // true: not one of them
 */
export function mayLeaveCoordinators(p: { isActiveCoordinator: boolean; activeCoordinators: number }): boolean {
  return !p.isActiveCoordinator || p.activeCoordinators > 1;
}

/**
 * The pseudonym an erased person (a user, or a donor's contact person by their link's id) is kept
 * under: their counts, hours and history stay (reports must still add up), but under a name that
 * says nothing about them. Derived from the record's id,
 * which reveals nothing either, so the same person keeps the same pseudonym everywhere.
 *
 * @example pseudonymOf('3f2a91c0-1b2c-4d5e-8f90-a1b2c3d4e5f6') // { name: 'Poistettu 3F2A91C0', email: 'erased-3f2a91c0-1b2c-4d5e-8f90-a1b2c3d4e5f6@erased.invalid' }
 */
export function pseudonymOf(userId: string): { name: string; email: string } {
  return { name: `Poistettu ${userId.slice(0, 8).toUpperCase()}`, email: `erased-${userId}@erased.invalid` };
}
