import { servicesCommand } from '../stack-cli';

export const restartCommand = servicesCommand({ name: 'restart', summary: 'Restart all or the named services, dependencies before their dependents', timeout: true, task: 'stack.restart' });
