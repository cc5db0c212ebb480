import type { PartialHandlers } from '../api/handlers';
import type { OpenInService } from './open-in-service';

export function openInHandlers(service: () => OpenInService): PartialHandlers<'services.openIn'> {
  return {
    'services.openIn': async (input) => service().open(input.projectId, input.service, input.target),
  };
}
