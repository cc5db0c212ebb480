import type { ComponentType } from 'react';
import { HostPanel } from './host/HostPanel';
import { ImagesPanel } from './images/ImagesPanel';
import { WatchPanel } from './watch/WatchPanel';
import { TimelinePanel } from './timeline/TimelinePanel';
import { SharesPanel } from './shares/SharesPanel';

/** What a panel in the project view gets. */
export interface PanelProps {
  projectId: string;
}

export interface ProjectPanel {
  id: string;
  title: string;
  Component: ComponentType<PanelProps>;
}

/**
 * Mount points of the project view. Other rooms add their panel with one line each,
 * e.g. `{ id: 'host', title: 'Host', Component: HostPanel },` (views/host/,
 * views/images/, views/watch/). Panels render in this order beside the services table.
 */
export const projectPanels: ProjectPanel[] = [
  { id: 'host', title: 'Host', Component: HostPanel },
  { id: 'images', title: 'Images', Component: ImagesPanel },
  { id: 'watch', title: 'Watch', Component: WatchPanel },
  { id: 'timeline', title: 'Startup timeline', Component: TimelinePanel },
  { id: 'shares', title: 'File shares', Component: SharesPanel },
];

/** Extra widgets in the top bar (e.g. a host indicator), one line each. */
export const topBarWidgets: ComponentType[] = [
];
