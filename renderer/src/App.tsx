export function App() {
  return (
    <main>
      <h1>Slipway</h1>
      <p>Open a project folder to run its stack.</p>
    </main>
  );
}
