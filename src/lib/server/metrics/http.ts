// Shared answer of the metrics and case routes to a request without a user (the route policy already refused it;
// this keeps the type honest). Every other error goes through errorResponse (../errors.ts).
import { UserInputError, errorResponse } from '../errors.ts';
import { errors } from '../../i18n/zh/metrics.ts';

export function unauthorized(): Response {
	return errorResponse(new UserInputError('unauthorized', errors.unauthorized));
}
