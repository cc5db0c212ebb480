import { servicesCommand } from '../stack-cli';

export const stopCommand = servicesCommand({ name: 'stop', summary: 'Stop all or the named services (dependents first), keeping their containers', timeout: true, task: 'stack.stop' });
