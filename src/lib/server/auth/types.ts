// The user as every server route and the metrics layer see it; the shape itself is in the shared model.
export { ROLES, type Role, type SessionUser, type ViewAsOption } from '../../model/user.ts';
