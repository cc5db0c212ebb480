import { restartServices } from '../../core/stack';
import { servicesCommand } from '../stack-cli';

export const restartCommand = servicesCommand(
  { name: 'restart', summary: 'Restart all or the named services, dependencies before their dependents', timeout: true },
  restartServices,
);
