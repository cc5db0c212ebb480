import { Component, type ErrorInfo as ReactErrorInfo, type ReactNode } from 'react';

interface State {
  error?: Error;
}

/** A panel that throws shows its error in place; the rest of the window keeps working. */
export class PanelBoundary extends Component<{ title: string; children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ReactErrorInfo): void {
    console.error(`slipway: the ${this.props.title} panel failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-note" role="alert">
        <div className="error-message">
          The {this.props.title} panel failed: {this.state.error.message}
        </div>
        <div className="error-hint">The rest of the dashboard still works. Reload the page to try the panel again.</div>
        <button type="button" className="link-button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
