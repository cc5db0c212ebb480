import type { PartialHandlers } from '../api/handlers';
import type { ProjectRegistry } from '../projects/registry';
import type { SharesService } from './shares-service';

export function sharesHandlers(projects: ProjectRegistry, shares: () => SharesService): PartialHandlers<'shares.status'> {
  return {
    'shares.status': async (input) => shares().status(projects.get(input.projectId)),
  };
}
