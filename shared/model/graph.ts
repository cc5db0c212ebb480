/** Dependency edges between services, derived from depends_on, links, network_mode: service:X, volumes_from. */
export interface DependencyEdge {
  from: string;
  to: string;
  /** Where the edge came from. */
  via: 'depends_on' | 'links' | 'network_mode' | 'volumes_from';
}
