import { servicesCommand } from '../stack-cli';

export const startCommand = servicesCommand({ name: 'start', summary: 'Start the existing containers of all or the named services, in dependency order', timeout: false, task: 'stack.start' });
