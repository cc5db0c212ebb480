import type { Command } from '../command';
import { configJson, configYaml } from '../../core/compose/print-config';
import { loadProject } from '../../core/compose/load-project';
import { assertUniqueContainerNames } from '../../core/compose/consistency';

export const configCommand: Command = {
  name: 'config',
  summary: 'Print the project as Compose resolves it (canonical long forms, variables resolved)',
  usage: 'slipway [-f FILE]... [-p NAME] [--profile P]... [--env-file F] config [--json] [--services] [--profiles] [--volumes] [--images] [-q]',
  options: {
    json: { type: 'boolean' },
    services: { type: 'boolean' },
    profiles: { type: 'boolean' },
    volumes: { type: 'boolean' },
    images: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  },
  async run(ctx, args) {
    const project = await loadProject(ctx.projectOptions());
    for (const warning of project.warnings) ctx.err(`warning: ${warning}`);
    assertUniqueContainerNames(project, Object.keys(project.model.services));
    if (args.values.quiet === true) return 0;
    if (args.values.services === true) {
      for (const name of Object.keys(project.model.services)) ctx.out(name);
      return 0;
    }
    if (args.values.profiles === true) {
      const set = new Set<string>();
      for (const service of Object.values(project.model.services)) for (const p of service.profiles ?? []) set.add(p);
      for (const list of Object.values(project.disabledServices)) for (const p of list) set.add(p);
      for (const p of [...set].sort()) ctx.out(p);
      return 0;
    }
    if (args.values.volumes === true) {
      for (const name of Object.keys(project.model.volumes ?? {})) ctx.out(name);
      return 0;
    }
    if (args.values.images === true) {
      for (const [name, service] of Object.entries(project.model.services)) ctx.out(service.image ?? `${project.name}-${name}`);
      return 0;
    }
    if (args.values.json === true) ctx.out(configJson(project.model));
    else ctx.stdout.write(configYaml(project.model));
    return 0;
  },
};
